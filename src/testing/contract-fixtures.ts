import { type Lead, type LeadInput, parseLead } from "../model/index.js";

/** The instant every contract fixture is created at. */
export const T0 = new Date("2026-01-05T09:00:00.000Z");

/** A minimal valid lead; `overrides` replace top-level fields. */
export function contractLead(id: string, overrides: Partial<LeadInput> = {}): Lead {
  return parseLead({
    id,
    contact: { kind: "prospect", name: `Person ${id}` },
    stage: "lead",
    owner: "u-ana",
    generatedBy: null,
    capture: { channel: "form", initiator: { kind: "contact" } },
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  });
}

/** A lead with every optional field set and every nested shape present, for round-trip tests. */
export function fullContractLead(id: string): Lead {
  return parseLead({
    id,
    externalId: `form-post-${id}`,
    contact: {
      kind: "customer",
      entity: "organization",
      name: "Ana García-Núñez 🚀",
      jobTitle: "Head of Operations",
      company: "Acme Ibérica S.L.",
      website: "https://www.acme.es/es",
      email: "ana.garcia@acme.es",
      phone: "+34 911 23 45 67",
      industry: "manufacturing",
      companySize: "51-200",
      country: "ES",
      city: "Valladolid",
      language: "es",
      humanConfirmed: true,
      attributes: { seats: 25, trial: true, plan: "team", note: null, ratio: 0.125 },
      consents: [
        // A consent stored before lawful bases, channels and proofs, beside one with all three.
        { purpose: "newsletter", status: "granted", at: "2026-01-02T10:00:00.123Z", source: "form:ebook" },
        {
          purpose: "calls",
          status: "withdrawn",
          at: "2026-01-03T10:00:00Z",
          source: "phone",
          basis: "legitimate_interests",
          channel: "phone",
          proof: {
            form: "call-log",
            page: "https://crm.example/calls/1",
            wording: "No more calls, please",
            reference: "rec-1",
          },
        },
      ],
      doNotContact: [{ channel: "sms", reason: "manual", at: "2026-01-04T00:00:00Z", note: "asked twice" }],
    },
    stage: "prospect",
    owner: "u-bruno",
    generatedBy: "u-ana",
    team: "team-iberia",
    pool: "inbound-es",
    collaborators: [
      { userId: "u-ana", access: "edit" },
      { userId: "u-carla", access: "view" },
    ],
    capture: {
      channel: "form",
      initiator: { kind: "user", userId: "u-ana" },
      capturePoint: { id: "lp-webinar", managedBy: "user", managerId: "u-ana" },
      referredBy: "u-dario",
    },
    source: "webinar",
    medium: "email",
    campaign: "spring-2026",
    interestLevel: "high",
    progressStatus: "in_conversation",
    tags: ["vip", "webinar", "ñandú"],
    notes: [
      { at: "2026-01-06T08:00:00Z", author: "u-bruno", text: "Call back after the fair.\nBring pricing." },
    ],
    interactions: [
      {
        id: `${id}-i1`,
        type: "form_submit",
        at: "2026-01-05T09:00:00Z",
        initiator: { kind: "contact" },
        channel: "web",
        capturePoint: { id: "lp-webinar", managedBy: "user", managerId: "u-ana" },
      },
      {
        id: `${id}-i2`,
        type: "page_view",
        at: "2026-01-07T11:30:00.500Z",
        initiator: { kind: "contact" },
        pageKind: "pricing",
        url: "https://acme.example/pricing?plan=team",
      },
      {
        id: `${id}-i3`,
        type: "email_click",
        at: "2026-01-08T12:00:00Z",
        initiator: { kind: "automation" },
        channel: "email",
        campaign: "nurture-3",
        data: { link: "https://acme.example/demo", position: 2 },
      },
      {
        id: `${id}-i4`,
        type: "custom:trial_started",
        at: "2026-01-09T00:00:00Z",
        initiator: { kind: "contact" },
      },
    ],
    history: [
      { from: "contact", to: "lead", event: "capture", at: "2026-01-05T09:00:00Z", actor: "u-ana" },
      {
        from: "lead",
        to: "prospect",
        event: "qualify",
        at: "2026-01-10T09:00:00Z",
        actor: "u-bruno",
        reason: "BANT 3/4",
      },
    ],
    scores: {
      engagement: { value: 62.5, at: "2026-01-10T09:00:00Z" },
      fit: {
        value: 40,
        at: "2026-01-10T09:00:00Z",
        override: { value: 80, reason: "Known account", by: "u-bruno", at: "2026-01-11T09:00:00Z" },
      },
    },
    expectedRevenue: 12500.75,
    mergedFrom: ["old-1", "old-2"],
    createdAt: "2026-01-05T09:00:00.001Z",
    updatedAt: "2026-01-11T09:00:00Z",
    version: 1,
  });
}
