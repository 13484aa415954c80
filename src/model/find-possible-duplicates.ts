import type { DuplicateCandidate, FindDuplicatesOptions } from "./find-duplicates.js";
import { emailKey, phoneKey } from "./find-duplicates.js";
import { companyDomain } from "./normalize.js";
import {
  boundedEditDistance,
  COMPANY_STOPWORDS,
  foldedTokens,
  jaroWinkler,
  NAME_STOPWORDS,
  nameSimilarity as similarName,
  tokenSetSimilarity,
} from "./similarity.js";

/**
 * What {@link findPossibleDuplicates} reads of a record: its id, and the contact's name, company and
 * channels, all optional.
 *
 * @example
 * ```ts
 * import { findPossibleDuplicates, type PossibleDuplicateRecord } from "leadkit";
 *
 * const rows: PossibleDuplicateRecord[] = [
 *   { id: "l1", contact: { name: "Ana García", company: "Acme S.L." } },
 *   { id: "l7", contact: { name: "Ana Garcia", company: "ACME" } },
 * ];
 * findPossibleDuplicates(rows).candidates[0]?.ids; // ["l1", "l7"]
 * ```
 * @category Model
 */
export interface PossibleDuplicateRecord extends DuplicateCandidate {
  /** The fields compared. */
  readonly contact: DuplicateCandidate["contact"] & {
    /** The person's (or organisation's) name. */
    readonly name?: string | undefined;
    /** The company's name. */
    readonly company?: string | undefined;
  };
}

/**
 * One piece of evidence that two records may be the same person. Reasons name what matched and how
 * closely, never a value, so a list of reasons discloses nothing of either record.
 *
 * - `similar_name`: the names' token-set Jaro-Winkler similarity (accents, case, punctuation and
 *   word order ignored);
 * - `similar_company`: the same for company names, legal forms ("S.L.", "SL", "Ltd") ignored;
 * - `same_company_domain`: both are on one company email or web domain;
 * - `same_email_local_part`: one mailbox name at two domains (the same person at another company);
 * - `email_near_miss`: the addresses differ by `distance` edits (a typo);
 * - `phone_near_miss`: the numbers end in the same seven digits (`distance` 0: one number written two
 *   ways) or differ by one edit (`distance` 1).
 *
 * @example
 * ```ts
 * import { findPossibleDuplicates, type PossibleDuplicateReason } from "leadkit";
 *
 * const why = (reason: PossibleDuplicateReason) =>
 *   reason.kind === "similar_name" || reason.kind === "similar_company"
 *     ? `${reason.kind} (${Math.round(reason.similarity * 100)} %)`
 *     : reason.kind;
 * for (const pair of findPossibleDuplicates(leads).candidates) console.log(pair.ids, pair.reasons.map(why));
 * ```
 * @category Model
 */
export type PossibleDuplicateReason =
  | { readonly kind: "similar_name"; readonly similarity: number }
  | { readonly kind: "similar_company"; readonly similarity: number }
  | { readonly kind: "same_company_domain" }
  | { readonly kind: "same_email_local_part" }
  | { readonly kind: "email_near_miss"; readonly distance: number }
  | { readonly kind: "phone_near_miss"; readonly distance: number };

/**
 * Two records that may be the same person: a proposal for a person to review, never merged
 * automatically.
 *
 * @example
 * ```ts
 * import { findPossibleDuplicates, type PossibleDuplicate } from "leadkit";
 *
 * // The review queue: the likeliest pairs first, for a person to merge or dismiss.
 * const queue: PossibleDuplicate[] = [...findPossibleDuplicates(leads).candidates].sort((a, b) => b.score - a.score);
 * queue[0]?.ids;
 * ```
 * @category Model
 */
export interface PossibleDuplicate {
  /** The two records, in input order. */
  readonly ids: readonly [string, string];
  /** How likely they are one person, 0–1: the reasons' weights combined (noisy-OR). */
  readonly score: number;
  /** Why, strongest evidence first. */
  readonly reasons: readonly PossibleDuplicateReason[];
}

/**
 * Options for {@link findPossibleDuplicates}, {@link findPossibleDuplicatesOf} and
 * {@link blockingKeys}: how to read phones and emails (as for exact duplicates), the score a pair
 * needs, and the largest block compared.
 *
 * @example
 * ```ts
 * import { findPossibleDuplicates } from "leadkit";
 *
 * findPossibleDuplicates(leads, { minScore: 0.8, phone: { defaultCountryCode: "34" } });
 * ```
 * @category Model
 */
export interface FindPossibleDuplicatesOptions
  extends Pick<FindDuplicatesOptions, "phone" | "normalizePhone" | "canonicalEmail"> {
  /** The least score a pair is reported with, 0–1; 0.75 by default. */
  readonly minScore?: number;
  /**
   * A blocking key shared by more records than this is skipped (a very common name at one company, a
   * shared switchboard): it would cost too many comparisons and say little. 50 by default.
   */
  readonly maxBlockSize?: number;
}

/**
 * What {@link findPossibleDuplicates} found, with what it cost.
 *
 * @example
 * ```ts
 * import { findPossibleDuplicates } from "leadkit";
 *
 * const { candidates, comparisons } = findPossibleDuplicates(leads);
 * ```
 * @category Model
 */
export interface PossibleDuplicateReport {
  /** Pairs at or above `minScore`, highest score first. */
  readonly candidates: readonly PossibleDuplicate[];
  /** How many pairs were compared: at most `maxBlockSize` per blocking key of each record. */
  readonly comparisons: number;
  /** How many blocking keys were shared by more than `maxBlockSize` records and skipped. */
  readonly skippedBlocks: number;
}

/** Mailbox names that belong to a role, not a person: the same one at two domains proves nothing. */
const ROLE_MAILBOXES: ReadonlySet<string> = /* @__PURE__ */ new Set([
  "info",
  "contact",
  "contacto",
  "hello",
  "hola",
  "sales",
  "ventas",
  "admin",
  "office",
  "oficina",
  "support",
  "soporte",
  "marketing",
  "hr",
  "rrhh",
  "noreply",
  "no-reply",
  "mail",
  "email",
  "team",
  "jobs",
  "empleo",
  "billing",
  "facturacion",
  "administracion",
]);

/** A record read once for every comparison it takes part in. */
interface Prepared {
  readonly id: string;
  readonly name: readonly string[];
  readonly company: readonly string[];
  readonly companyJoined: string;
  readonly email: string | null;
  readonly mailbox: string | null;
  /** The mailbox name is spelt from the person's name ("ana.garcia", "agarcia"), so says no more than it. */
  readonly mailboxFromName: boolean;
  readonly emailDomain: string | null;
  readonly phone: string | null;
  readonly phoneTail: string | null;
  readonly domain: string | null;
}

function prepare(record: PossibleDuplicateRecord, options: FindPossibleDuplicatesOptions): Prepared {
  const contact = record.contact;
  const name = typeof contact.name === "string" ? foldedTokens(contact.name, NAME_STOPWORDS) : [];
  const company = typeof contact.company === "string" ? foldedTokens(contact.company, COMPANY_STOPWORDS) : [];
  const email = emailKey(
    typeof contact.email === "string" ? contact.email : undefined,
    options.canonicalEmail,
  );
  const at = email === null ? -1 : email.lastIndexOf("@");
  const local = email === null ? null : (email.slice(0, at).split("+")[0]?.replaceAll(".", "") ?? "");
  const mailbox = local !== null && local.length >= 4 && !ROLE_MAILBOXES.has(local) ? local : null;
  const phone = typeof contact.phone === "string" ? phoneKey(contact, options) : null;
  const digits = phone?.replace(/\D/g, "") ?? "";
  return {
    id: record.id,
    name,
    mailboxFromName: mailbox !== null && isSpeltFromName(mailbox, name),
    company,
    companyJoined: company.join(""),
    email,
    mailbox,
    emailDomain: email === null ? null : email.slice(at + 1),
    phone,
    phoneTail: digits.length >= 7 ? digits.slice(-7) : null,
    domain: companyDomain({
      email: typeof contact.email === "string" ? contact.email : undefined,
      website: typeof contact.website === "string" ? contact.website : undefined,
    }),
  };
}

/** Whether a mailbox name is one or two of the name's words, or an initial and a word, run together. */
function isSpeltFromName(mailbox: string, name: readonly string[]): boolean {
  for (const x of name) {
    if (mailbox === x) return true;
    for (const y of name) {
      if (x === y) continue;
      if (mailbox === x + y || mailbox === (x[0] ?? "") + y || mailbox === x + (y[0] ?? "")) return true;
    }
  }
  return false;
}

/**
 * The first `n` UTF-16 units of a word, one more when the cut would split a surrogate pair: a key
 * holds no lone surrogate, which a database refuses as text (`"가𘷳각𠀀"`-like names are real).
 */
function head(word: string, n: number): string {
  const code = word.charCodeAt(n - 1);
  return word.slice(0, code >= 0xd800 && code <= 0xdbff ? n + 1 : n);
}

/** Blocking keys of a prepared record: values two likely duplicates share at least one of. */
function keysOf(p: Prepared): string[] {
  const keys = new Set<string>();
  const heads = p.name.filter((t) => t.length >= 2).map((t) => head(t, 4));
  const company = head(p.companyJoined, 4);
  if (company.length >= 2) for (const h of heads) keys.add(`nc:${h}|${company}`);
  const few = heads.slice(0, 4);
  for (let i = 0; i < few.length; i++)
    for (let j = i + 1; j < few.length; j++) {
      const [x, y] = [few[i] as string, few[j] as string].sort();
      keys.add(`nn:${x}|${y}`);
    }
  if (p.mailbox !== null) keys.add(`em:${p.mailbox}`);
  if (p.phoneTail !== null) keys.add(`ph:${p.phoneTail}`);
  return [...keys];
}

/**
 * The blocking keys of a record: short values that two likely duplicates share at least one of
 * (name words with the company's start, pairs of name words, the mailbox name, a phone's last seven
 * digits). Records are compared only within a block, which keeps detection linear in the number of
 * records; a repository indexes these keys to find the candidates of a new record without a scan.
 *
 * @remarks
 * Keys are derived from personal data (parts of the name and the phone number): store them with
 * the lead and erase them with it.
 *
 * @param record - The record.
 * @param options - How phones and emails are read; see {@link FindPossibleDuplicatesOptions}.
 * @returns At most 16 distinct keys; none for a record with nothing to compare.
 * @example
 * ```ts
 * import { blockingKeys } from "leadkit";
 *
 * blockingKeys({ id: "l1", contact: { name: "Ana García", company: "Acme S.L." } });
 * // ["nc:ana|acme", "nc:garc|acme", "nn:ana|garc"]
 * ```
 * @category Model
 */
export function blockingKeys(
  record: PossibleDuplicateRecord,
  options: FindPossibleDuplicatesOptions = {},
): string[] {
  return keysOf(prepare(record, options));
}

/** The evidence two prepared records give, or `null` when they are exact duplicates or unrelated. */
function compare(a: Prepared, b: Prepared): { score: number; reasons: PossibleDuplicateReason[] } | null {
  // Exact duplicates are findDuplicates' business; a possible duplicate is what it misses.
  if ((a.email !== null && a.email === b.email) || (a.phone !== null && a.phone === b.phone)) return null;
  const weighted: { reason: PossibleDuplicateReason; weight: number }[] = [];
  const nameSimilarity = similarName(a.name, b.name);
  const nameMatches = nameSimilarity >= 0.88;
  if (nameMatches)
    weighted.push({
      reason: { kind: "similar_name", similarity: round(nameSimilarity) },
      weight: 0.3 + (0.4 * (nameSimilarity - 0.88)) / 0.12,
    });
  if (nameMatches && a.company.length > 0 && b.company.length > 0) {
    const similarity = Math.max(
      tokenSetSimilarity(a.company, b.company),
      jaroWinkler(a.companyJoined, b.companyJoined),
    );
    if (similarity >= 0.88)
      weighted.push({
        reason: { kind: "similar_company", similarity: round(similarity) },
        weight: 0.3 + (0.5 * (similarity - 0.88)) / 0.12,
      });
  }
  if (nameMatches && a.domain !== null && a.domain === b.domain)
    weighted.push({ reason: { kind: "same_company_domain" }, weight: 0.4 });
  if (a.email !== null && b.email !== null) {
    // A typo first: "olga@korul.example" and "olga@kroul.example" are one address mistyped, not one
    // person at two companies.
    const distance =
      Math.min(a.email.length, b.email.length) >= 10 ? boundedEditDistance(a.email, b.email, 2) : 3;
    if (distance <= 2)
      weighted.push({ reason: { kind: "email_near_miss", distance }, weight: distance === 1 ? 0.7 : 0.5 });
    else if (a.mailbox !== null && a.mailbox === b.mailbox && a.emailDomain !== b.emailDomain)
      // A mailbox spelt from the name adds little to a matching name: namesakes share it too.
      weighted.push({
        reason: { kind: "same_email_local_part" },
        weight: a.mailboxFromName && b.mailboxFromName ? 0.15 : 0.6,
      });
  }
  if (a.phone !== null && b.phone !== null) {
    if (a.phoneTail !== null && a.phoneTail === b.phoneTail)
      weighted.push({ reason: { kind: "phone_near_miss", distance: 0 }, weight: 0.8 });
    else if (
      a.phone.length === b.phone.length &&
      a.phone.length >= 9 &&
      boundedEditDistance(a.phone, b.phone, 1) === 1
    )
      weighted.push({ reason: { kind: "phone_near_miss", distance: 1 }, weight: 0.4 });
  }
  if (weighted.length === 0) return null;
  weighted.sort((x, y) => y.weight - x.weight);
  let none = 1;
  for (const w of weighted) none *= 1 - Math.min(w.weight, 0.99);
  return { score: round(1 - none), reasons: weighted.map((w) => w.reason) };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Finds records that may be the same person although no exact key (email, phone) matches: similar
 * names at a similar company (typos, accents, word order, "S.L." vs "SL"), the same person at
 * another domain, addresses or numbers one typo apart. Each candidate has a score and its reasons.
 *
 * @remarks
 * Candidates are proposals for a person to review (then `mergeLeads`), never merged automatically.
 * Records are compared only when they share a {@link blockingKeys} key, and a key shared by more
 * than `maxBlockSize` records is skipped, so the cost grows linearly with the number of records,
 * never with its square. Pairs that share an exact email or phone key are left out: those are
 * {@link findDuplicates}' duplicates.
 *
 * @param records - Leads or contacts with ids; any iterable, read once.
 * @param options - See {@link FindPossibleDuplicatesOptions}.
 * @returns The candidate pairs, highest score first, and the cost.
 * @example
 * ```ts
 * import { findPossibleDuplicates } from "leadkit";
 *
 * const { candidates } = findPossibleDuplicates([
 *   { id: "a", contact: { name: "Ana García", company: "Acme Soluciones S.L." } },
 *   { id: "b", contact: { name: "garcia, ana", company: "ACME SOLUCIONES SL" } },
 * ]);
 * candidates[0]; // { ids: ["a", "b"], score: 0.94, reasons: [similar_company 1, similar_name 1] }
 * ```
 * @category Model
 */
export function findPossibleDuplicates(
  records: Iterable<PossibleDuplicateRecord>,
  options: FindPossibleDuplicatesOptions = {},
): PossibleDuplicateReport {
  const minScore = options.minScore ?? 0.75;
  const maxBlockSize = options.maxBlockSize ?? 50;
  const prepared: Prepared[] = [];
  const keysByRecord: string[][] = [];
  const blocks = new Map<string, number[]>();
  for (const record of records) {
    const p = prepare(record, options);
    const index = prepared.push(p) - 1;
    const keys = keysOf(p);
    keysByRecord.push(keys);
    for (const key of keys) {
      const block = blocks.get(key);
      if (block === undefined) blocks.set(key, [index]);
      else block.push(index);
    }
  }
  let skippedBlocks = 0;
  for (const block of blocks.values()) if (block.length > maxBlockSize) skippedBlocks++;
  // Each pair is compared once, by its first record: lastPairedWith[j] === i once i met j.
  const lastPairedWith = new Int32Array(prepared.length).fill(-1);
  const candidates: PossibleDuplicate[] = [];
  let comparisons = 0;
  for (let i = 0; i < prepared.length; i++) {
    const a = prepared[i] as Prepared;
    for (const key of keysByRecord[i] as string[]) {
      const block = blocks.get(key) as number[];
      if (block.length > maxBlockSize) continue;
      for (const j of block) {
        if (j <= i || lastPairedWith[j] === i) continue;
        lastPairedWith[j] = i;
        const b = prepared[j] as Prepared;
        if (a.id === b.id) continue;
        comparisons++;
        const found = compare(a, b);
        if (found !== null && found.score >= minScore) candidates.push({ ids: [a.id, b.id], ...found });
      }
    }
  }
  candidates.sort((p, q) => q.score - p.score || compareIds(p.ids, q.ids));
  return { candidates, comparisons, skippedBlocks };
}

const compareIds = (p: readonly [string, string], q: readonly [string, string]): number =>
  p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : p[1] < q[1] ? -1 : p[1] > q[1] ? 1 : 0;

/**
 * Finds the records that may be the same person as one candidate (e.g. a form submission before it
 * is saved), as {@link findPossibleDuplicates} would pair them.
 *
 * @param candidate - The new record.
 * @param records - Existing records, typically those a repository returned for the candidate's
 *   {@link blockingKeys}; the candidate's own id is skipped, and so is every record that shares no
 *   key with it.
 * @param options - See {@link FindPossibleDuplicatesOptions}; `maxBlockSize` applies per key.
 * @returns Each possible duplicate's id, score and reasons, highest score first.
 * @example
 * ```ts
 * import { findPossibleDuplicatesOf } from "leadkit";
 *
 * declare const existing: readonly import("leadkit").Lead[];
 * findPossibleDuplicatesOf({ id: "new", contact: { name: "Ana Garcia", company: "ACME SL" } }, existing);
 * // [{ id: "l9", score: 0.94, reasons: [...] }]
 * ```
 * @category Model
 */
export function findPossibleDuplicatesOf(
  candidate: PossibleDuplicateRecord,
  records: Iterable<PossibleDuplicateRecord>,
  options: FindPossibleDuplicatesOptions = {},
): { readonly id: string; readonly score: number; readonly reasons: readonly PossibleDuplicateReason[] }[] {
  const read = (record: PossibleDuplicateRecord): Read => {
    const prepared = prepare(record, options);
    return { prepared, keys: keysOf(prepared) };
  };
  return matchAgainst(read(candidate), records, read, options);
}

/** A prepared record and its blocking keys. */
interface Read {
  readonly prepared: Prepared;
  readonly keys: readonly string[];
}

/** {@link findPossibleDuplicatesOf} on records read by `read` (prepared afresh, or from a matcher's memo). */
function matchAgainst(
  mine: Read,
  records: Iterable<PossibleDuplicateRecord>,
  read: (record: PossibleDuplicateRecord) => Read,
  options: FindPossibleDuplicatesOptions,
): { readonly id: string; readonly score: number; readonly reasons: readonly PossibleDuplicateReason[] }[] {
  const minScore = options.minScore ?? 0.75;
  const maxBlockSize = options.maxBlockSize ?? 50;
  const candidateId = mine.prepared.id;
  const wanted = new Set(mine.keys);
  const perKey = new Map<string, number>();
  const sharing: { readonly record: Prepared; readonly keys: readonly string[] }[] = [];
  const ids = new Set<string>();
  for (const record of records) {
    if (record.id === candidateId || ids.has(record.id)) continue;
    ids.add(record.id);
    const theirs = read(record);
    const shared = theirs.keys.filter((k) => wanted.has(k));
    if (shared.length === 0) continue;
    for (const k of shared) perKey.set(k, (perKey.get(k) ?? 0) + 1);
    sharing.push({ record: theirs.prepared, keys: shared });
  }
  // The candidate is one of each block, so a key is too common past maxBlockSize - 1 others.
  const found: { id: string; score: number; reasons: readonly PossibleDuplicateReason[] }[] = [];
  for (const { record, keys } of sharing) {
    if (!keys.some((k) => (perKey.get(k) ?? 0) + 1 <= maxBlockSize)) continue;
    const result = compare(mine.prepared, record);
    if (result !== null && result.score >= minScore) found.push({ id: record.id, ...result });
  }
  return found.sort((p, q) => q.score - p.score || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0));
}

/**
 * @internal {@link blockingKeys} and {@link findPossibleDuplicatesOf} with fixed options, reading
 * each record once: a record's prepared form (folded name and company, email and phone keys,
 * domain) and its blocking keys are kept by id, and reused while the fields they are read from are
 * unchanged — so a stored lead compared with every capture at its company is folded once, not once
 * per capture. The memo is checked against the record's own fields on every read, so it never
 * answers for an edited, merged or erased record; it holds at most `capacity` records (the oldest
 * go first), and {@link PossibleDuplicateMatcher.forget} drops one (an erased lead's folded name).
 * A phone read by a caller's `normalizePhone`, which may look at any field, is never memoised.
 * Owned by whoever creates it (the lead service creates one per service): no module-level state.
 */
export interface PossibleDuplicateMatcher {
  /** The record's blocking keys, as {@link blockingKeys} gives them. */
  readonly blockingKeys: (record: PossibleDuplicateRecord) => readonly string[];
  /** The records that may be the same person as the candidate, as {@link findPossibleDuplicatesOf} finds them. */
  readonly findPossibleDuplicatesOf: (
    candidate: PossibleDuplicateRecord,
    records: Iterable<PossibleDuplicateRecord>,
  ) => {
    readonly id: string;
    readonly score: number;
    readonly reasons: readonly PossibleDuplicateReason[];
  }[];
  /** Drops what was read of a record (e.g. once it is erased). */
  readonly forget: (id: string) => void;
}

/** What a matcher keeps of a record: the fields it was read from, and what was read. */
interface Memo extends Read {
  readonly name: unknown;
  readonly company: unknown;
  readonly email: unknown;
  readonly phone: unknown;
  readonly website: unknown;
}

/**
 * @internal A {@link PossibleDuplicateMatcher} for fixed options, remembering at most `capacity`
 * records.
 */
export function createPossibleDuplicateMatcher(
  options: FindPossibleDuplicatesOptions = {},
  capacity = 20_000,
): PossibleDuplicateMatcher {
  const memo = new Map<string, Memo>();
  const read = (record: PossibleDuplicateRecord): Read => {
    const contact = record.contact;
    const known = memo.get(record.id);
    if (
      known !== undefined &&
      known.name === contact.name &&
      known.company === contact.company &&
      known.email === contact.email &&
      known.phone === contact.phone &&
      known.website === contact.website
    )
      return known;
    const prepared = prepare(record, options);
    const fresh: Memo = {
      prepared,
      keys: keysOf(prepared),
      name: contact.name,
      company: contact.company,
      email: contact.email,
      phone: contact.phone,
      website: contact.website,
    };
    if (options.normalizePhone !== undefined && contact.phone !== undefined) {
      memo.delete(record.id);
      return fresh;
    }
    if (known !== undefined) memo.delete(record.id);
    else if (memo.size >= capacity) {
      const oldest = memo.keys().next();
      if (oldest.done !== true) memo.delete(oldest.value);
    }
    memo.set(record.id, fresh);
    return fresh;
  };
  return {
    blockingKeys: (record) => read(record).keys,
    findPossibleDuplicatesOf: (candidate, records) => matchAgainst(read(candidate), records, read, options),
    forget: (id) => {
      memo.delete(id);
    },
  };
}
