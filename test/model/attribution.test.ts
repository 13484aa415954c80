import { describe, expect, it } from "vitest";
import {
  attributionSchema,
  extractAttribution,
  findFirstResponse,
  findTouches,
  type InteractionInput,
  lastActivityAt,
  parseLead,
  safeParseInteraction,
  safeParseLead,
  touchSource,
} from "../../src/model/index.js";
import { deepFreeze } from "../support/deep-freeze.js";
import { leadInput } from "../support/make-lead.js";

const at = (day: number, hour = 9) =>
  `2026-03-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;
const touch = (id: string, day: number, utmSource: string): InteractionInput => ({
  id,
  type: "page_view",
  pageKind: "pricing",
  at: at(day),
  initiator: { kind: "contact" },
  attribution: { utmSource },
});

describe("extractAttribution", () => {
  it("reads UTM parameters and click ids from the landing page, and keeps pages without query or fragment", () => {
    const r = extractAttribution(
      "https://Acme.es/demo?utm_source=google&utm_medium=cpc&utm_campaign=spring&utm_term=crm%20pyme&utm_content=ad-2&gclid=EAIa_1&email=ana%40acme.es#top",
      { referrer: "https://www.google.com/search?q=ana" },
    );
    expect(r).toEqual({
      ok: true,
      value: {
        utmSource: "google",
        utmMedium: "cpc",
        utmCampaign: "spring",
        utmTerm: "crm pyme",
        utmContent: "ad-2",
        gclid: "EAIa_1",
        landingPage: "https://acme.es/demo",
        referrer: "https://www.google.com/search",
      },
    });
  });

  it("takes the first of repeated parameters, leaves out empty ones and ignores others", () => {
    const r = extractAttribution(
      "https://acme.es/?utm_source=a&utm_source=b&utm_medium=&fbclid=x.1&UTM_TERM=no",
    );
    expect(r.ok && r.value).toEqual({ utmSource: "a", fbclid: "x.1", landingPage: "https://acme.es/" });
  });

  it("answers issues, never throws, for what is not an http(s) URL or a bounded value", () => {
    const bad = [
      extractAttribution("javascript:alert(1)"),
      extractAttribution("/relative"),
      extractAttribution(42 as unknown as string),
      extractAttribution("https://acme.es/", { referrer: "ftp://x" }),
      extractAttribution(`https://acme.es/?q=${"a".repeat(8_000)}`),
    ];
    expect(
      bad.map((r) => (r.ok ? "ok" : r.issues.map((i) => `${i.code}@${i.path.join(".")}`).join())),
    ).toEqual([
      "invalid_format@landingPage",
      "invalid_format@landingPage",
      "invalid_format@landingPage",
      "invalid_format@referrer",
      "invalid_format@landingPage",
    ]);
    const spaced = extractAttribution("https://acme.es/?gclid=has%20space");
    expect(spaced.ok ? [] : spaced.issues.map((i) => `${i.code}@${i.path.join(".")}`)).toEqual([
      "invalid_format@gclid",
    ]);
    const long = extractAttribution(`https://acme.es/${"p".repeat(2_000)}?utm_term=${"x".repeat(2_001)}`);
    expect(long.ok ? [] : long.issues.map((i) => i.path.join(".")).sort()).toEqual([
      "landingPage",
      "utmTerm",
    ]);
    expect(extractAttribution("https://acme.es/", { referrer: "" })).toEqual({
      ok: true,
      value: { landingPage: "https://acme.es/" },
    });
  });

  it("keeps parameter names out of object keys: a __proto__ parameter is ignored, not merged", () => {
    const r = extractAttribution("https://acme.es/?__proto__=x&constructor=y&utm_source=__proto__");
    expect(r.ok && r.value).toEqual({ utmSource: "__proto__", landingPage: "https://acme.es/" });
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });
});

describe("attribution in the model", () => {
  it("interactions and capture facts carry an attribution, validated and bounded", () => {
    const lead = parseLead(
      leadInput({
        capture: {
          channel: "form",
          initiator: { kind: "contact" },
          attribution: { utmSource: " newsletter ", landingPage: "https://acme.es/ebook" },
        },
        interactions: [touch("i1", 2, "google")],
      }),
    );
    expect(lead.capture.attribution).toEqual({
      utmSource: "newsletter",
      landingPage: "https://acme.es/ebook",
    });
    expect(lead.interactions[0]?.attribution).toEqual({ utmSource: "google" });
    const bad = safeParseInteraction({
      ...touch("i2", 2, "x"),
      attribution: { utmSource: "", gclid: "a b", referrer: "mailto:ana@acme.es", msclkid: "m".repeat(201) },
    });
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.code}@${i.path.join(".")}`).sort()).toEqual([
      "invalid_format@attribution.gclid",
      "invalid_format@attribution.referrer",
      "too_big@attribution.msclkid",
      "too_small@attribution.utmSource",
    ]);
    expect(attributionSchema.safeParse({ utmSource: 3 }).success).toBe(false);
  });

  it("touchSource names a touch by UTM source, click id, referrer host or (direct), for any value", () => {
    expect(touchSource({ utmSource: "newsletter", gclid: "x" })).toBe("newsletter");
    expect(touchSource({ gclid: "x" })).toBe("google");
    expect(touchSource({ msclkid: "x" })).toBe("bing");
    expect(touchSource({ fbclid: "x" })).toBe("facebook");
    expect(touchSource({ referrer: "https://www.linkedin.com/feed/" })).toBe("linkedin.com");
    expect(touchSource({ landingPage: "https://acme.es/" })).toBe("(direct)");
    for (const hostile of [null, 3, "x", { utmSource: 3, referrer: "javascript:x" }, { referrer: {} }])
      expect(touchSource(hostile as never)).toBe("(direct)");
  });
});

describe("findTouches", () => {
  it("orders the capture and attributed interactions by time, and stops at the conversion", () => {
    const lead = deepFreeze(
      parseLead(
        leadInput({
          createdAt: at(5),
          capture: {
            channel: "form",
            initiator: { kind: "contact" },
            attribution: { utmSource: "newsletter" },
          },
          interactions: [
            touch("late", 20, "retargeting"),
            touch("before", 1, "google"),
            { id: "plain", type: "email_open", at: at(3), initiator: { kind: "contact" } },
            touch("same", 5, "linkedin"),
            touch("mid", 9, "bing"),
            touch("at-conversion", 10, "partner"),
          ],
          history: [
            { from: "contact", to: "lead", event: "show_interest", at: at(6), actor: "u-ana" },
            { from: "lead", to: "customer", event: "win", at: at(10), actor: "u-ana" },
          ],
        }),
      ),
    );
    const found = findTouches(lead);
    expect(found.touches.map((t) => t.interactionId)).toEqual([
      "before",
      null,
      "same",
      "mid",
      "at-conversion",
    ]);
    expect(found.first?.attribution.utmSource).toBe("google");
    expect(found.last?.attribution.utmSource).toBe("partner");
    expect(found.convertedAt?.toISOString()).toBe(at(10).replace("Z", ".000Z"));
  });

  it("keeps every touch of a lead that has not converted, and none when nothing is attributed", () => {
    const lead = parseLead(leadInput({ interactions: [touch("a", 2, "x"), touch("b", 1, "y")] }));
    expect(findTouches(lead)).toMatchObject({
      convertedAt: null,
      first: { interactionId: "b" },
      last: { interactionId: "a" },
    });
    expect(findTouches(parseLead(leadInput()))).toEqual({
      touches: [],
      first: null,
      last: null,
      convertedAt: null,
    });
  });
});

describe("findFirstResponse", () => {
  const base = leadInput({ createdAt: at(10, 9), owner: "u-ana" });
  const reply = (id: string, hour: number, extra: Partial<InteractionInput> = {}): InteractionInput => ({
    id,
    type: "call",
    at: at(10, hour),
    initiator: { kind: "user", userId: "u-ana" },
    ...extra,
  });

  it("is the owner's first outbound interaction at or after capture", () => {
    const lead = parseLead({
      ...base,
      interactions: [
        reply("later", 15),
        reply("before-capture", 8),
        reply("by-bruno", 10, { initiator: { kind: "user", userId: "u-bruno" } }),
        reply("not-outbound", 10, { type: "manual_entry" }),
        reply("by-contact", 10, { type: "message", initiator: { kind: "contact" } }),
        reply("first", 11, { type: "email_sent" }),
      ],
    });
    expect(findFirstResponse(lead)?.id).toBe("first");
  });

  it("is null for a lead in a pool or one nobody answered", () => {
    expect(findFirstResponse(parseLead({ ...base, owner: null, interactions: [reply("x", 12)] }))).toBeNull();
    expect(findFirstResponse(parseLead(base))).toBeNull();
  });
});

describe("lastActivityAt", () => {
  it("is the latest of creation, stage changes and interactions; notes and edits do not count", () => {
    const parsed = safeParseLead(
      leadInput({
        createdAt: at(1),
        updatedAt: at(28),
        notes: [{ at: at(27), author: "u-ana", text: "call back" }],
        history: [{ from: "contact", to: "lead", event: "show_interest", at: at(12), actor: "u-ana" }],
        interactions: [touch("a", 9, "x")],
      }),
    );
    if (!parsed.ok) throw new Error("fixture");
    expect(lastActivityAt(parsed.value).toISOString()).toBe("2026-03-12T09:00:00.000Z");
    expect(lastActivityAt({ ...parsed.value, history: [] }).toISOString()).toBe("2026-03-09T09:00:00.000Z");
    expect(lastActivityAt({ ...parsed.value, history: [], interactions: [] }).toISOString()).toBe(
      "2026-03-01T09:00:00.000Z",
    );
  });
});
