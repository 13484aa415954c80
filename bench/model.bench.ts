// Lead validation: `safeParseLead` against zod validating the same schema as its docs show
// (`leadSchema.safeParse`) and against zod's fastest validator for that schema, `z.compile(schema)`
// (zod ≥ 4.5: the schema compiled ahead of time into flat code, "identical results and identical
// errors", falling back to the standard parser for invalid input).
//
// Inputs (bench/inputs.ts): 1,000 production-like leads as JSON arrives from an API (dates as ISO
// strings, defaults present), of which 3 % are broken the way hostile or careless clients break
// them (a wrong type, a missing field, an unknown stage, an over-long email, a non-ISO date). One
// call validates all 1,000 (`itemsPerCall`).
//
// Fairness notes:
// - All three validate with leadkit's own `leadSchema`: the comparison is of the call path, not of
//   the schema. `safeParseLead` returns a Result (`{ ok, value }` or `{ ok: false, issues }` with
//   `{ code, path, message }` issues); the zod sides return zod's `{ success, data | error }`.
// - Both zod sides and leadkit are checked to agree on every input before timing: the same parsed
//   lead (as JSON) for valid input, the same issues (code, path, message) for invalid input.
// - z.compile generates its code from the schema's definition, so it skips what leadkit's data
//   records (attributes, scores, interaction data) add in their parser: on a record of 1,001 keys
//   it accepts what leadSchema refuses (too_big), and it drops a `__proto__` key that leadSchema
//   keeps as an own property. safeParseLead runs zod's generated code for leadSchema too (built on
//   its first call), then, when that accepts the input, a scan of only the data records for those
//   two cases; an input the scan flags goes to leadSchema's own parser, so safeParseLead keeps
//   both guarantees and answers exactly as leadSchema.safeParse on every input (a property law
//   checks it on arbitrary JSON and near-valid leads: test/model/safe-parse-lead.test-prop.ts). Its extra work against the
//   compiled side is that scan and the Result it returns. None of the inputs below has such a
//   record, so the compiled side's answers agree with the other two here.
// - z.compile needs `new Function`; where a Content Security Policy forbids it (or zod is older
//   than 4.5), safeParseLead is leadSchema's own parser. This bench runs on Node, where it is not.

import { leadSchema, safeParseLead } from "leadkit";
import * as z from "zod";
import { createRandom } from "../src/testing/random.js";
import type { BenchCase } from "./harness.js";
import { describeInputs, formatInputStats, productionLeads } from "./inputs.js";

type Json = Record<string, unknown>;

/** Breaks a lead the way a client might. */
function broken(input: Json, k: number): Json {
  const contact = input["contact"] as Json;
  switch (k % 5) {
    case 0:
      return { ...input, stage: "won" };
    case 1:
      return { ...input, contact: { ...contact, email: `${"x".repeat(400)}@example.com` } };
    case 2:
      return { ...input, createdAt: "yesterday" };
    case 3: {
      const { capture: _capture, ...rest } = input;
      return rest;
    }
    default:
      return { ...input, expectedRevenue: "12000" };
  }
}

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => ({ code: i.code, path: i.path.map(String), message: i.message }));

export default (): BenchCase[] => {
  const leads = productionLeads({ seed: 7, count: 1_000 });
  const random = createRandom(3);
  const inputs: unknown[] = leads.map((lead, k) => {
    const json = JSON.parse(JSON.stringify(lead)) as Json;
    return random.chance(0.03) ? broken(json, k) : json;
  });
  const compiled = z.compile(leadSchema);

  const ours = () => {
    let ok = 0;
    for (const input of inputs) if (safeParseLead(input).ok) ok++;
    return ok;
  };
  const plain = () => {
    let ok = 0;
    for (const input of inputs) if (leadSchema.safeParse(input).success) ok++;
    return ok;
  };
  const fastest = () => {
    let ok = 0;
    for (const input of inputs) if (compiled.safeParse(input).success) ok++;
    return ok;
  };

  const agree = () => {
    let invalid = 0;
    inputs.forEach((input, k) => {
      const a = safeParseLead(input);
      const b = leadSchema.safeParse(input);
      const c = compiled.safeParse(input);
      const ours = a.ok
        ? JSON.stringify(a.value)
        : JSON.stringify(a.issues.map((i) => ({ ...i, path: i.path.map(String) })));
      const view = (r: typeof b) => JSON.stringify(r.success ? r.data : issuesOf(r.error));
      if (ours !== view(b) || ours !== view(c))
        throw new Error(
          `model bench: input ${k} parses differently: ${ours.slice(0, 200)} vs ${view(c).slice(0, 200)}`,
        );
      if (!a.ok) invalid++;
    });
    return [
      `${inputs.length.toLocaleString("en-US")} inputs (${invalid} invalid) give the same lead or the same issues on all three sides`,
      formatInputStats(describeInputs(leads)),
    ];
  };

  return [
    {
      name: "safeParseLead (JSON input, 3 % invalid)",
      compares:
        "validating 1,000 production-like leads as JSON (3 % invalid) with safeParseLead, against zod's leadSchema.safeParse and z.compile(leadSchema).safeParse, zod's fastest validator for the same schema",
      itemsPerCall: inputs.length,
      subject: { name: "safeParseLead(input)", run: ours },
      baselines: [
        { name: "zod leadSchema.safeParse (as documented)", kind: "competitor", run: plain },
        {
          name: "zod z.compile(leadSchema).safeParse (fastest)",
          kind: "specialised",
          target: { min: 0.9 },
          run: fastest,
        },
      ],
      agree,
    },
  ];
};
