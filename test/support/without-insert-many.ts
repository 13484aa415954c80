import type { LeadRepository, Repositories, RepositorySet } from "leadkit/ports";

/** The lead repository without its optional `insertMany`: what an adapter written before it offers. */
function strip(leads: LeadRepository): LeadRepository {
  return {
    get: (id) => leads.get(id),
    getByExternalId: (id) => leads.getByExternalId(id),
    save: (lead, options) => leads.save(lead, options),
    remove: (id, options) => leads.remove(id, options),
    findByDuplicateKeys: (keys, options) => leads.findByDuplicateKeys(keys, options),
    query: (query, page) => leads.query(query, page),
    stream: (query) => leads.stream(query),
    releaseMergedKeys: (id) => leads.releaseMergedKeys(id),
  };
}

/** The same repositories, inside transactions too, without `leads.insertMany`. */
export function withoutInsertMany(repositories: Repositories): Repositories {
  const set = ({ leads, interactions, audit, outbox, distribution }: RepositorySet): RepositorySet => ({
    leads: strip(leads),
    interactions,
    audit,
    outbox,
    distribution,
  });
  const transaction = repositories.transaction?.bind(repositories);
  return transaction === undefined
    ? set(repositories)
    : { ...set(repositories), transaction: (work) => transaction((trx) => work(set(trx))) };
}
