import * as fc from "fast-check";
import { BANT } from "leadkit/qualification";
import type { LeadService } from "leadkit/services";
import { describe, expect, test } from "vitest";
import { called, created, inbound, setup } from "./fixtures.js";

type AnyCommand = (command: unknown) => Promise<{ ok: boolean }>;

// Values that broke services before: objects where strings belong, null inside arrays, prototype keys.
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    { toString: 1 },
    [null],
    { __proto__: { actor: "u-ana" } },
    JSON.parse('{"__proto__": {"leadId": "x"}, "constructor": 1}'),
    "",
    -1,
    1.5,
    "2026-03-01",
    { type: 5 },
    { kind: "qualification", at: "not a date" },
  ),
);

async function seeded() {
  const context = setup();
  const lead = created(await context.service.capture(called()));
  const other = created(
    await context.service.capture(
      inbound({ owner: "u-ana", contact: { kind: "prospect", name: "O", email: "o@o.example" } }),
    ),
  );
  return { ...context, lead, other };
}

/** A valid command for every one-command method, to mutate one field at a time (importLeads: import.test-prop.ts). */
function validCommands(
  leadId: string,
  otherId: string,
): Record<Exclude<keyof LeadService, "importLeads">, Record<string, unknown>> {
  const base = { actor: "u-ana", leadId };
  return {
    capture: { ...called({ contact: { kind: "prospect", name: "N", email: "n@n.example" } }) },
    get: base,
    recordInteraction: {
      ...base,
      interaction: { type: "email_click", at: "2026-03-01T00:00:00Z", initiator: { kind: "contact" } },
    },
    rescore: base,
    qualify: {
      ...base,
      framework: BANT,
      evidence: [{ criterionId: "budget", answer: 30_000, source: "conversation" }],
    },
    transition: { ...base, event: { type: "nurture", reason: "later" } },
    share: { ...base, userId: "u-bruno", access: "view" },
    unshare: { ...base, userId: "u-bruno" },
    transfer: { ...base, to: "u-bruno" },
    refer: { ...base, to: "u-carla" },
    claim: base,
    release: { ...base, pool: "inbound" },
    merge: { actor: "u-ana", leadIds: [leadId, otherId], expectedVersions: { [leadId]: 1 } },
    findStaleLeads: {
      actor: "u-marta",
      policy: { stages: ["lead"], rules: [{ kind: "inactive", origin: "any", days: 1, flag: "review" }] },
    },
    eraseContact: base,
    exportContactData: base,
    sweepRetention: {
      actor: "u-ana",
      policy: { inactiveMonths: 36, exceptStages: ["customer", "potential_client"] },
      batchSize: 10,
    },
  };
}

const methods = Object.keys(validCommands("l", "o")) as Exclude<keyof LeadService, "importLeads">[];

describe("the service answers any JSON command with a result", () => {
  test("an arbitrary JSON value as a command gets issues, never an exception", async () => {
    const { service } = await seeded();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), hostile, async (method, command) => {
        const result = await (service[method] as unknown as AnyCommand)(command);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  });

  test("a valid command with any one field replaced by arbitrary JSON gets a result, never an exception", async () => {
    const { service, lead, other } = await seeded();
    const commands = validCommands(lead.id, other.id);
    const field = fc
      .constantFrom(...methods)
      .chain((method) =>
        fc.tuple(
          fc.constant(method),
          fc.constantFrom(...Object.keys(commands[method]), "reason", "expectedVersion"),
        ),
      );
    await fc.assert(
      fc.asyncProperty(field, hostile, async ([method, key], value) => {
        const command = { ...commands[method] };
        Object.defineProperty(command, key, { value, enumerable: true, writable: true, configurable: true });
        const result = await (service[method] as unknown as AnyCommand)(command);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 3000 },
    );
  });

  test("nested hostile values inside capture contacts, interactions, events and evidence never throw", async () => {
    const { service, lead } = await seeded();
    const nested = fc.record({
      contact: fc.dictionary(
        fc.constantFrom("name", "email", "phone", "attributes", "consents", "kind"),
        hostile,
      ),
      interaction: fc.dictionary(fc.constantFrom("type", "at", "initiator", "id", "data"), hostile),
      evidence: fc.array(hostile, { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(nested, async ({ contact, interaction, evidence }) => {
        const results = await Promise.all([
          service.capture({ ...called(), contact: contact as never }),
          service.recordInteraction({ actor: "u-ana", leadId: lead.id, interaction: interaction as never }),
          service.transition({
            actor: "u-ana",
            leadId: lead.id,
            event: { type: "qualify", evidence: evidence as never },
          }),
          service.qualify({ actor: "u-ana", leadId: lead.id, framework: BANT, evidence: evidence as never }),
        ]);
        for (const result of results) expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });
});
