import { describe, expect, it } from "vitest";
import { LEAD_STAGES } from "../../src/index.js";
import {
  type CrmStageMapping,
  crmStageMappingSchema,
  ESPOCRM_LEAD_STATUS_MAPPING,
  fromCrmStage,
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  SALESFORCE_LEAD_STATUS_MAPPING,
  SUITECRM_LEAD_STATUS_MAPPING,
  toCrmStage,
} from "../../src/lifecycle/index.js";

const presets: CrmStageMapping[] = [
  HUBSPOT_LIFECYCLE_STAGE_MAPPING,
  SALESFORCE_LEAD_STATUS_MAPPING,
  ESPOCRM_LEAD_STATUS_MAPPING,
  SUITECRM_LEAD_STATUS_MAPPING,
];

describe("CRM stage mappings", () => {
  it("translates HubSpot lifecycle stages both ways", () => {
    expect(fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "salesqualifiedlead")).toEqual({
      ok: true,
      value: "prospect",
    });
    expect(fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "opportunity")).toEqual({
      ok: true,
      value: "potential_client",
    });
    expect(toCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "contact")).toEqual({ ok: true, value: "subscriber" });
  });

  it("reports a value with no counterpart instead of guessing", () => {
    const other = fromCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "other");
    expect(other.ok ? "" : other.issues[0]?.code).toBe("no_counterpart");
    const lost = toCrmStage(HUBSPOT_LIFECYCLE_STAGE_MAPPING, "lost");
    expect(lost.ok ? "" : lost.issues[0]?.message).toMatch(
      /"lost" has no HubSpot lifecycle stage counterpart/,
    );
    const unknown = fromCrmStage(SALESFORCE_LEAD_STATUS_MAPPING, "Qualified");
    expect(unknown.ok ? "" : unknown.issues[0]?.code).toBe("unknown_crm_value");
    expect(fromCrmStage(SALESFORCE_LEAD_STATUS_MAPPING, "constructor").ok).toBe(false);
  });

  it("matches ignoring case and surrounding spaces", () => {
    expect(fromCrmStage(ESPOCRM_LEAD_STATUS_MAPPING, "  in process ")).toEqual({ ok: true, value: "lead" });
    expect(fromCrmStage(SALESFORCE_LEAD_STATUS_MAPPING, "closed - not converted")).toEqual({
      ok: true,
      value: "disqualified",
    });
  });

  it("covers every leadkit stage in every preset, and only known stages", () => {
    for (const preset of presets) {
      expect(crmStageMappingSchema.safeParse(preset).success).toBe(true);
      expect(Object.keys(preset.fromLeadkit).sort()).toEqual([...LEAD_STAGES].sort());
      for (const stage of Object.values(preset.toLeadkit)) {
        if (stage !== null) expect(LEAD_STAGES).toContain(stage);
      }
    }
  });

  it("round-trips: a stage written to a CRM reads back as a stage that maps to the same value", () => {
    for (const preset of presets) {
      for (const stage of LEAD_STAGES) {
        const written = toCrmStage(preset, stage);
        if (!written.ok) continue;
        const read = fromCrmStage(preset, written.value);
        expect(read.ok).toBe(true);
        if (read.ok) expect(toCrmStage(preset, read.value)).toEqual(written);
      }
    }
  });
});
