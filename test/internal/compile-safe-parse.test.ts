import { afterEach, describe, expect, it, vi } from "vitest";
import * as z from "zod";
import {
  compileSafeParse,
  createDataRecordScan,
  dataRecord,
  once,
  safeParseWith,
} from "../../src/internal/index.js";
import { leadSchema } from "../../src/model/index.js";
import { generateLeads } from "../../src/testing/index.js";

// biome-ignore lint/suspicious/noExplicitAny: a lead's JSON, which these tests edit at any depth
const lead = () => JSON.parse(JSON.stringify(generateLeads({ seed: 5, count: 1 })[0])) as Record<string, any>;
const withOwnProto = (value: unknown) => JSON.parse(`{"__proto__":${JSON.stringify(value)},"plan":"team"}`);

describe("createDataRecordScan", () => {
  const scan = createDataRecordScan(leadSchema);

  it("finds nothing in a valid lead, and finds an own __proto__ or too many keys in each data record", () => {
    expect(scan).not.toBeNull();
    const valid = lead();
    valid["interactions"] = [
      {
        id: "i1",
        type: "email_open",
        at: "2026-01-01T00:00:00Z",
        initiator: { kind: "contact" },
        data: { subject: "Hi" },
      },
    ];
    expect(scan?.(valid)).toBe(false);
    const inAttributes = lead();
    inAttributes["contact"].attributes = withOwnProto(1);
    expect(scan?.(inAttributes)).toBe(true);
    const inData = structuredClone(valid);
    inData["interactions"][0].data = withOwnProto("x");
    expect(scan?.(inData)).toBe(true);
    const inScores = lead();
    inScores["scores"] = Object.fromEntries(
      Array.from({ length: 1_001 }, (_, k) => [`m${k}`, { value: 1, at: "2026-01-01T00:00:00Z" }]),
    );
    expect(scan?.(inScores)).toBe(true);
    inScores["scores"] = Object.fromEntries(Object.entries(inScores["scores"]).slice(0, 1_000));
    expect(scan?.(inScores)).toBe(false);
  });

  it("is null for a schema without data records, and answers true for kinds it cannot see into", () => {
    expect(createDataRecordScan(z.object({ a: z.string(), b: z.array(z.number()) }))).toBeNull();
    const hidden = createDataRecordScan(z.tuple([dataRecord(z.string(), z.number(), 3)]));
    expect(hidden?.([{}])).toBe(true);
  });
});

describe("compileSafeParse", () => {
  afterEach(() => vi.unstubAllGlobals());

  const inputs = () => {
    const tooMany = lead();
    tooMany["contact"].attributes = Object.fromEntries(Array.from({ length: 1_001 }, (_, k) => [`a${k}`, k]));
    const proto = lead();
    proto["contact"].attributes = withOwnProto(true);
    const broken = lead();
    broken["stage"] = "won";
    return [lead(), tooMany, proto, broken, null, "lead"];
  };

  it("answers as the schema's own parser, too-big records and own __proto__ keys included", () => {
    const parse = compileSafeParse(leadSchema);
    for (const input of inputs()) expect(parse(input)).toEqual(safeParseWith(leadSchema, input));
    const [, tooMany, proto] = inputs().map(parse);
    expect(tooMany?.ok === false && tooMany.issues[0]?.code).toBe("too_big");
    expect(proto?.ok && Object.hasOwn(proto.value.contact.attributes, "__proto__")).toBe(true);
  });

  it("works where new Function is forbidden (a Content Security Policy) and where zod has no z.compile", () => {
    vi.stubGlobal("Function", function forbidden() {
      throw new EvalError("Refused to evaluate a string as JavaScript (CSP)");
    });
    expect(z.compile(leadSchema)).toBe(leadSchema); // zod refuses to generate code here
    const underCsp = compileSafeParse(leadSchema);
    vi.unstubAllGlobals();
    const withoutCompile = compileSafeParse(leadSchema, undefined);
    for (const parse of [underCsp, withoutCompile])
      for (const input of inputs()) expect(parse(input)).toEqual(safeParseWith(leadSchema, input));
  });
});

describe("once", () => {
  it("builds the value on the first call only, and not before", () => {
    const build = vi.fn(() => ({ built: true }));
    const get = once(build);
    expect(build).not.toHaveBeenCalled();
    const first = get();
    expect(get()).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
  });
});
