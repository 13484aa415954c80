import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeParseWith } from "../../src/internal/index.js";
import { leadSchema, safeParseLead } from "../../src/model/index.js";
import { generateLeads } from "../../src/testing/index.js";

type Json = Record<string, unknown>;
const pool = generateLeads({ seed: 23, count: 40 }).map((lead) => JSON.stringify(lead));

/** What a result says, own `__proto__` keys included (JSON.stringify writes own keys only). */
const view = (result: ReturnType<typeof safeParseLead>) =>
  JSON.stringify(result.ok ? { value: result.value } : { issues: result.issues });

/**
 * Where two values first differ — prototypes, own keys and their order, Dates by time, other leaves
 * by `Object.is` — or `null`. (`toStrictEqual` compares a record's own `constructor` key as a class.)
 */
function firstDifference(a: unknown, b: unknown, path = "$"): string | null {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return Object.is(a, b) ? null : path;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path} (prototype)`;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime() ? null : path;
  const keys = Reflect.ownKeys(a);
  if (keys.join("\u0001") !== Reflect.ownKeys(b).join("\u0001")) return `${path} (keys)`;
  for (const key of keys) {
    const found = firstDifference(Reflect.get(a, key), Reflect.get(b, key), `${path}.${String(key)}`);
    if (found !== null) return found;
  }
  return null;
}

/** The objects of a lead where leadkit's data records sit: attributes, scores, interaction data. */
function recordPlaces(lead: Json): Json[] {
  const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
  const places: Json[] = [];
  const at = (holder: unknown, key: string) => {
    if (!isObject(holder)) return;
    holder[key] ??= {};
    if (isObject(holder[key])) places.push(holder[key]);
  };
  at(lead["contact"], "attributes");
  at(lead, "scores");
  const interactions = lead["interactions"];
  if (Array.isArray(interactions)) for (const interaction of interactions) at(interaction, "data");
  return places;
}

/** A change a careless or hostile client makes to a valid lead's JSON. */
const mutation = fc.oneof(
  // any field, at any depth, replaced by any JSON value
  fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  // an own __proto__ key in a data record, valid or not
  fc.record({
    kind: fc.constant("proto" as const),
    pick: fc.nat(),
    value: fc.oneof(
      fc.constant('"x"'),
      fc.constant("7"),
      fc.constant("{}"),
      fc.constant('{"value":5,"at":"2026-01-01T00:00:00Z"}'),
      fc.constant('"\\u0000"'),
    ),
  }),
  // a data record at, just under or over its 1,000-key limit
  fc.record({
    kind: fc.constant("keys" as const),
    pick: fc.nat(),
    count: fc.constantFrom(999, 1_000, 1_001, 1_500),
  }),
  // keys that are Object.prototype members
  fc.record({
    kind: fc.constant("member" as const),
    pick: fc.nat(),
    key: fc.constantFrom("constructor", "toString", "hasOwnProperty", "valueOf"),
  }),
);

/** Applies one change to a lead's JSON in place. */
function mutate(lead: Json, change: Json): void {
  const kind = change["kind"];
  const pick = change["pick"] as number;
  if (kind === "replace") {
    // walk to a random object inside the lead, then replace one of its fields
    let at: Json = lead;
    for (let depth = pick % 4, n = pick; depth > 0; depth--, n = Math.floor(n / 7)) {
      const inner = Object.values(at).filter((v): v is Json => typeof v === "object" && v !== null);
      if (inner.length === 0) break;
      at = inner[n % inner.length] as Json;
    }
    const keys = Object.keys(at);
    if (keys.length > 0) at[keys[pick % keys.length] as string] = change["value"];
    return;
  }
  const places = recordPlaces(lead);
  if (places.length === 0) return;
  const place = places[pick % places.length] as Json;
  if (kind === "proto") {
    const withProto = JSON.parse(`{"__proto__":${change["value"] as string}}`) as Json;
    Object.defineProperty(
      place,
      "__proto__",
      Object.getOwnPropertyDescriptor(withProto, "__proto__") as PropertyDescriptor,
    );
  } else if (kind === "keys") {
    for (let k = 0; k < (change["count"] as number); k++)
      place[`k${k}`] = lead["scores"] === place ? { value: 1, at: "2026-01-01T00:00:00Z" } : k;
  } else {
    place[change["key"] as string] =
      lead["scores"] === place ? { value: 3, at: "2026-01-01T00:00:00Z" } : "member";
  }
}

describe("safeParseLead laws", () => {
  it("safeParseLead answers exactly as leadSchema's own parser on any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(firstDifference(safeParseLead(value), safeParseWith(leadSchema, value))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it("safeParseLead answers exactly as leadSchema's own parser on valid and near-valid leads, own __proto__ keys and too-big records included", () => {
    fc.assert(
      fc.property(fc.constantFrom(...pool), fc.array(mutation, { maxLength: 3 }), (source, changes) => {
        const lead = JSON.parse(source) as Json;
        for (const change of changes) mutate(lead, change as Json);
        const fast = safeParseLead(lead);
        const standard = safeParseWith(leadSchema, lead);
        expect(view(fast)).toBe(view(standard));
        expect(firstDifference(fast, standard)).toBeNull();
      }),
      { numRuns: 400 },
    );
  });
});
