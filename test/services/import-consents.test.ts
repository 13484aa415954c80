import { type Consent, checkContactPermission, type Lead } from "leadkit";
import type { ImportConsentRule, ImportLeadsOptions } from "leadkit/services";
import { describe, expect, test } from "vitest";
import { called, created, setup } from "./fixtures.js";

// The service's clock reads 2026-03-02T09:00:00Z.
const now = new Date("2026-03-02T09:00:00Z");
const newsletter: ImportConsentRule = {
  column: "Opt-in",
  at: "Opt-in date",
  purpose: "newsletter",
  channel: "email",
  basis: "consent",
  proof: { form: "newsletter-footer", page: "https://acme.example/" },
};
const options = (overrides: Partial<ImportLeadsOptions> = {}): ImportLeadsOptions => ({
  actor: "u-marta",
  importId: "crm-2026-03",
  fieldMap: { "contact.name": "Name", "contact.email": "Email" },
  consents: [newsletter],
  onMatch: "update",
  ...overrides,
});
const row = (optIn: string, date?: string) => ({
  Name: "Lucía Pérez",
  Email: "lucia@acme.es",
  "Opt-in": optIn,
  ...(date === undefined ? {} : { "Opt-in date": date }),
});
const withdrawn: Consent = {
  purpose: "newsletter",
  status: "withdrawn",
  at: new Date("2026-02-01T10:00:00Z"),
  source: "unsubscribe link",
  basis: "consent",
  channel: "email",
};
const ask = { channel: "email", purpose: "newsletter", at: now } as const;

async function storedWith(consents: readonly Consent[]) {
  const context = setup();
  const lead = created(
    await context.service.capture(
      called({
        contact: { kind: "prospect", name: "Lucía Pérez", email: "lucia@acme.es", consents: [...consents] },
      }),
    ),
  );
  return { ...context, lead };
}
async function importedInto(
  consents: readonly Consent[],
  rows: readonly object[],
  extra: Partial<ImportLeadsOptions> = {},
) {
  const { service, repositories, lead } = await storedWith(consents);
  const report = await service.importLeads(rows, options(extra));
  if (!report.ok) throw new Error(JSON.stringify(report.issues));
  const after = (await repositories.leads.get(lead.id)) as Lead;
  const audit = await repositories.audit.list();
  return { report: report.value, after, audit };
}

describe("importLeads: consents", () => {
  test("a new lead takes the record's consents with their basis, channel, proof, date and source", async () => {
    const { service, repositories } = setup();
    const report = await service.importLeads([row("yes", "2026-01-05T10:00:00Z")], options());
    expect(report.ok && report.value.created).toBe(1);
    const leads: Lead[] = [];
    for await (const l of repositories.leads.stream()) leads.push(l);
    const [lead] = leads;
    expect(lead?.contact.consents).toEqual([
      {
        purpose: "newsletter",
        status: "granted",
        at: new Date("2026-01-05T10:00:00Z"),
        source: "import crm-2026-03, row 1",
        basis: "consent",
        channel: "email",
        proof: { form: "newsletter-footer", page: "https://acme.example/" },
      },
    ]);
    expect(lead && checkContactPermission(lead.contact, ask).ok).toBe(true);
  });

  test("an imported grant older than, tied with, or undated after a stored withdrawal does not re-grant", async () => {
    for (const date of ["2026-01-20T00:00:00Z", "2026-02-01T10:00:00Z", undefined]) {
      const { report, after, audit } = await importedInto([withdrawn], [row("yes", date)]);
      expect(report.failed).toBe(0);
      expect(after.contact.consents).toEqual([withdrawn]);
      expect(checkContactPermission(after.contact, ask)).toMatchObject({
        ok: false,
        issues: [{ code: "consent_withdrawn" }],
      });
      expect(audit.some((e) => e.action === "import_update" && e.details?.["refusedConsents"] === 1)).toBe(
        false,
      );
    }
  });

  test("a newer grant without a proof does not re-grant; with one, dated by the record, it does", async () => {
    const { proof: _, ...unproven } = newsletter;
    const refused = await importedInto([withdrawn], [row("yes", "2026-02-20T00:00:00Z")], {
      consents: [unproven],
    });
    expect(checkContactPermission(refused.after.contact, ask).ok).toBe(false);
    const regranted = await importedInto([withdrawn], [row("yes", "2026-02-20T00:00:00Z")]);
    const answer = checkContactPermission(regranted.after.contact, ask);
    expect(answer.ok && answer.value).toMatchObject({
      at: new Date("2026-02-20T00:00:00Z"),
      proof: newsletter.proof,
    });
    expect(regranted.report.updated).toBe(1);
  });

  test("a refused grant beside other changes is counted in the update's audit entry", async () => {
    const { after, audit } = await importedInto(
      [withdrawn],
      [{ ...row("yes", "2026-01-20T00:00:00Z"), Company: "Acme SL" }],
      {
        fieldMap: { "contact.name": "Name", "contact.email": "Email", "contact.company": "Company" },
        update: { "contact.company": "incoming" },
      },
    );
    expect(after.contact.company).toBe("Acme SL");
    expect(after.contact.consents).toEqual([withdrawn]);
    expect(audit.find((e) => e.action === "import_update")?.details).toMatchObject({ refusedConsents: 1 });
  });

  test("an imported withdrawal is always added, and stops contact", async () => {
    const grant: Consent = { ...withdrawn, status: "granted", source: "form" };
    const { after } = await importedInto([grant], [row("no", "2026-02-10T00:00:00Z")]);
    expect(after.contact.consents).toHaveLength(2);
    expect(checkContactPermission(after.contact, ask).ok).toBe(false);
  });

  test("onMatch merge restates a withdrawal that a newer imported grant would override", async () => {
    const { after } = await importedInto([withdrawn], [row("yes", "2026-02-20T00:00:00Z")], {
      onMatch: "merge",
    });
    expect(checkContactPermission(after.contact, ask)).toMatchObject({
      ok: false,
      issues: [{ code: "consent_withdrawn" }],
    });
  });

  test("a consent cell that is not yes or no, or a date that is malformed or after the import, fails the record", async () => {
    const { service } = setup();
    const report = await service.importLeads(
      [row("maybe"), row("yes", "2026-01-05"), row("yes", "2027-01-01T00:00:00Z")],
      options(),
    );
    expect(report.ok && report.value.issues.map((i) => [i.row, i.code, i.path.join(".")])).toEqual([
      [1, "invalid_value", "consents.0"],
      [2, "invalid_value", "consents.0.at"],
      [3, "invalid_value", "consents.0.at"],
    ]);
  });

  test("consent rules are checked with the options", async () => {
    const { service } = setup();
    const bad = await service.importLeads(
      [],
      options({ consents: [{ ...newsletter, basis: "because" as never }] }),
    );
    expect(bad.ok || bad.issues.map((i) => i.path.join("."))).toEqual(["consents.0.basis"]);
  });
});

describe("capture: consents", () => {
  test("a capture never changes a stored lead's consents: the same email answers the lead, a near twin proposes a merge", async () => {
    const { service, repositories, lead } = await storedWith([withdrawn]);
    const regrant: Consent = {
      ...withdrawn,
      status: "granted",
      at: new Date("2026-03-01T00:00:00Z"),
      source: "form",
    };
    const again = await service.capture(
      called({
        contact: { kind: "prospect", name: "Lucía Pérez", email: "lucia@acme.es", consents: [regrant] },
      }),
    );
    expect(again.ok && again.value.kind).toBe("existing");
    const proposal = await service.capture(
      called({
        contact: { kind: "prospect", name: "Lucía Pérez", email: "lucia.perez@acme.es", consents: [regrant] },
      }),
    );
    expect(proposal.ok && proposal.value.kind).toBe("merge_proposal");
    const twin = await service.capture(
      called({
        onDuplicate: "create",
        contact: {
          kind: "prospect",
          name: "Lucía Pérez",
          email: "lucia.perez@acme.es",
          phone: "+34 911 23 45 67",
          consents: [regrant],
        },
      }),
    );
    const stored = (await repositories.leads.get(lead.id)) as Lead;
    expect(stored.contact.consents).toEqual([withdrawn]);
    expect(checkContactPermission(stored.contact, ask).ok).toBe(false);
    // A twin created anyway is merged later, and the merge keeps the withdrawal.
    expect(twin.ok && twin.value.kind).toBe("created");
    const twinId = twin.ok && twin.value.kind === "created" ? twin.value.lead.id : "";
    const merged = await service.merge({ actor: "u-ana", leadIds: [lead.id, twinId] });
    expect(merged.ok && checkContactPermission(merged.value.lead.contact, ask).ok).toBe(false);
  });
});
