/**
 * Funnel metrics: conversion by stage, origin, source, owner and period, time to close and cost per
 * lead, in one pass or in SQL, with table and SVG renderers.
 *
 * @module leadkit/metrics
 */
export {
  type CompareWithReferenceRatesOptions,
  compareWithReferenceRates,
  FUNNEL_REFERENCE_RATES,
  type FunnelReferenceComparison,
  type FunnelReferenceRate,
  type FunnelReferenceStatus,
} from "./compare-with-reference-rates.js";
export { computeFunnel } from "./compute-funnel.js";
export { computeFunnelAggregate, safeComputeFunnelAggregate } from "./compute-funnel-aggregate.js";
export { emptyFunnelAggregate } from "./empty-funnel-aggregate.js";
export {
  type FindResponseBreachesOptions,
  findResponseBreaches,
  type ResponseBreach,
  type ResponseTargets,
} from "./find-response-breaches.js";
export {
  type DurationHistogram,
  FUNNEL_CREDIT_MODELS,
  FUNNEL_DIMENSIONS,
  FUNNEL_NO_VALUE,
  FUNNEL_TIMED_STAGES,
  type FunnelAggregate,
  type FunnelCounts,
  type FunnelCredit,
  type FunnelDimension,
  type FunnelDimensionPair,
  type FunnelOrigin,
  type FunnelStage,
  type FunnelTimedStage,
} from "./funnel-aggregate.js";
export { type FunnelSqlRow, funnelAggregateFromSqlRows } from "./funnel-aggregate-from-sql-rows.js";
export type { FunnelCostTable, FunnelOptions, FunnelPeriod } from "./funnel-options.js";
export { createFunnelTableSql, type FunnelSqlOptions, funnelToSql } from "./funnel-to-sql.js";
export { mergeFunnelAggregates } from "./merge-funnel-aggregates.js";
export { type FunnelRow, projectFunnelRow } from "./project-funnel-row.js";
export { type RenderFunnelSvgOptions, renderFunnelSvg } from "./render-funnel-svg.js";
export { type RenderFunnelTableOptions, renderFunnelTable } from "./render-funnel-table.js";
export { RENDER_LABELS, type RenderLabels } from "./render-labels.js";
export { type RenderSegmentSvgOptions, renderSegmentSvg } from "./render-segment-svg.js";
export {
  type RenderSegmentTableOptions,
  renderSegmentTable,
  type SegmentTableColumn,
} from "./render-segment-table.js";
export {
  type DurationSummary,
  type FunnelCrossSegmentSummary,
  type FunnelRate,
  type FunnelSegmentSummary,
  type FunnelStageSummary,
  type FunnelSummary,
  type PipelineSummary,
  summarizeFunnel,
} from "./summarize-funnel.js";
export {
  type SummarizeTeamOptions,
  summarizeTeam,
  type TeamDistribution,
  type TeamMemberSummary,
  type TeamSummary,
  type TeamWarning,
} from "./summarize-team.js";
