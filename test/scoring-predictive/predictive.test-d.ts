import type { Lead, Result } from "leadkit";
import {
  type BacktestOptions,
  buildPredictiveModel,
  fitPredictiveStats,
  leadPredictiveSetup,
  type PredictiveAdapter,
  type PredictiveEvent,
  type PredictiveFit,
  type PredictiveStats,
  predictProbability,
} from "leadkit/scoring";
import { describe, expectTypeOf, it } from "vitest";

const setup = leadPredictiveSetup();

describe("predictive types", () => {
  it("fits synchronously from an iterable and asynchronously from an async iterable", () => {
    expectTypeOf(fitPredictiveStats(setup, [] as Lead[])).toEqualTypeOf<PredictiveFit>();
    async function* stream(): AsyncGenerator<Lead> {}
    expectTypeOf(fitPredictiveStats(setup, stream())).toEqualTypeOf<Promise<PredictiveFit>>();
  });

  it("keeps the record type through the model", () => {
    const model = buildPredictiveModel(setup, { cells: [] });
    expectTypeOf(predictProbability(model, {} as Lead)).toEqualTypeOf<Result<number>>();
    // @ts-expect-error a lead model scores leads, not other records
    predictProbability(model, { id: "x" });
  });

  it("makes statistics read-only", () => {
    const stats: PredictiveStats = { cells: [] };
    // @ts-expect-error cells are read-only
    stats.cells.push({ team: null, field: "stage", value: "a", won: 1, lost: 0 });
  });

  it("requires the closing outcome of a reopened event", () => {
    expectTypeOf<PredictiveEvent<Lead>>().toMatchTypeOf<{ type: "won" | "lost" | "reopened" }>();
    // @ts-expect-error "reopened" needs `from`
    const event: PredictiveEvent<Lead> = { type: "reopened", record: {} as Lead };
    void event;
  });

  it("accepts adapters and backtest options for any record type", () => {
    type Row = { readonly stage: string; readonly won: boolean };
    expectTypeOf<PredictiveAdapter<Row>["outcome"]>().returns.toEqualTypeOf<"won" | "lost" | "open">();
    expectTypeOf<BacktestOptions<Row>["fit"]>().returns.toEqualTypeOf<(record: Row) => number | null>();
  });
});
