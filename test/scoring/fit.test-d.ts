import { describe, expectTypeOf, it } from "vitest";
import type { Lead, Result } from "../../src/index.js";
import {
  type ComparedModel,
  collectControlValueStats,
  compareModels,
  createControlValueAccumulator,
  type FitFeature,
  type FittedInteraction,
  fitPointsModel,
  learnBins,
  type ModelComparison,
  type PointsModelFit,
  type RecordFieldMap,
  recordAsLead,
} from "../../src/scoring/index.js";

interface Row {
  readonly source: string;
  readonly visits: number;
  readonly converted: boolean;
}
declare const leads: readonly Lead[];
declare const rows: readonly Row[];
declare const map: RecordFieldMap<Row>;
const features: FitFeature[] = [{ field: "contact.attributes.source" }];

describe("fitter types", () => {
  it("fitPointsModel takes Leads, or records with their field map", () => {
    expectTypeOf(fitPointsModel(leads, { method: "scorecard", features })).toEqualTypeOf<
      Result<PointsModelFit>
    >();
    expectTypeOf(fitPointsModel(rows, { method: "boosting", features, records: map })).toEqualTypeOf<
      Result<PointsModelFit>
    >();
    // @ts-expect-error plain records need their field map
    fitPointsModel(rows, { method: "scorecard", features });
    // @ts-expect-error the map must read the same record type
    fitPointsModel(leads, { method: "scorecard", features, records: map });
    // @ts-expect-error only two methods
    fitPointsModel(leads, { method: "forest", features });
  });

  it("boosting takes pairs as a count, and the fit lists them", () => {
    fitPointsModel(leads, {
      method: "boosting",
      features,
      boosting: { interactions: 4, interactionBins: 6 },
    });
    // @ts-expect-error pairs are a count, not a list of fields
    fitPointsModel(leads, { method: "boosting", features, boosting: { interactions: [["a", "b"]] } });
    expectTypeOf<PointsModelFit["interactions"]>().toEqualTypeOf<readonly FittedInteraction[]>();
    expectTypeOf<FittedInteraction["fields"]>().toEqualTypeOf<readonly [string, string]>();
  });

  it("learnBins, the control value and recordAsLead follow the same rule", () => {
    expectTypeOf(learnBins(rows, features, { records: map })).toEqualTypeOf<Result<FitFeature[]>>();
    expectTypeOf(
      collectControlValueStats(rows, { fields: [] }, { records: map }).leads,
    ).toEqualTypeOf<number>();
    expectTypeOf(createControlValueAccumulator({}, { records: map }).add)
      .parameter(0)
      .toEqualTypeOf<Row>();
    expectTypeOf(createControlValueAccumulator({}).add).parameter(0).toEqualTypeOf<Lead>();
    // @ts-expect-error plain records need their field map
    collectControlValueStats(rows, { fields: [] });
    expectTypeOf(recordAsLead(rows[0] as Row, map)).toEqualTypeOf<Lead>();
  });

  it("compareModels needs records that say whether they converted", () => {
    const model: ComparedModel<Row> = { name: "m", score: (r) => r.visits };
    expectTypeOf(compareModels(rows, [model])).toEqualTypeOf<Result<ModelComparison>>();
    // @ts-expect-error Leads carry no `converted`
    compareModels(leads, [{ name: "m", score: () => 1 }]);
  });

  it("a calibration group says where its observed rate lies and whether the prediction is inside", () => {
    type Group = NonNullable<ModelComparison["models"][number]["calibration"]>[number];
    expectTypeOf<Group["observedInterval"]>().toEqualTypeOf<readonly [number, number]>();
    expectTypeOf<Group["withinInterval"]>().toEqualTypeOf<boolean>();
    expectTypeOf<ModelComparison["models"][number]["calibrationWithinInterval"]>().toEqualTypeOf<
      number | null
    >();
    expectTypeOf<ModelComparison["calibrationConfidence"]>().toEqualTypeOf<number>();
  });
});
