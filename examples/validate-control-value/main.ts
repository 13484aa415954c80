// Validates the control-value method (docs/concepts.md) on real data: 9,240 leads of an online-education
// company (../shared/data/x-education-leads.csv, read at run time, never copied). The rows are read
// as plain records through a field map (no lead is made up). Fits on a fixed, seeded 70 % split and
// reports ROC AUC on the other 30 %.
import {
  collectControlValueStats,
  compilePointsModel,
  type FitControlValueOptions,
  fitControlValueModel,
  recordAsLead,
  rocAuc,
} from "leadkit/scoring";
import { readExampleArgs } from "../example-args.js";
import {
  CONTROL_VALUE_SPEC,
  loadXEducation,
  RECORDS,
  SCORED_AT,
  seededSplit,
  type XEducationRow,
} from "../x-education.js";

readExampleArgs(import.meta.url);

const leads = loadXEducation("validate");
if (leads === null) process.exit(0);
const { train, test } = seededSplit(leads);
const spec = CONTROL_VALUE_SPEC;
const stats = collectControlValueStats(train, spec, { records: RECORDS });
const now = SCORED_AT;
const variants: [string, FitControlValueOptions][] = [
  ["as first written (rate points above control, clamped to 100)", {}],
  ["rate points above, negative below, rescaled to 0–100", { belowControl: "negative", scale: "fit_range" }],
  [
    "excess over control above, negative below, rescaled to 0–100",
    { aboveControl: "excess", belowControl: "negative", scale: "fit_range" },
  ],
];
console.log(
  `x-education: ${leads.length} leads, train ${train.length} (${stats.conversions} converted, control value ${((100 * stats.conversions) / stats.leads).toFixed(1)} %), test ${test.length}`,
);
// The variant is chosen on a validation slice of the training data, never on the test split; the
// test split then measures the chosen one once. The others' test figures are shown for information.
const aucOf = (options: FitControlValueOptions, fitOn: XEducationRow[], scoreOn: XEducationRow[]): number => {
  const fit = fitControlValueModel(collectControlValueStats(fitOn, spec, { records: RECORDS }), {
    id: "x-education",
    ...options,
  });
  if (!fit.ok) throw new Error(fit.issues.map((i) => i.message).join("; "));
  const scorer = compilePointsModel(fit.value.model);
  const labelled = scoreOn.map((row) => ({
    score: scorer.score(recordAsLead(row, RECORDS), now).value,
    converted: row.converted,
  }));
  return rocAuc(labelled) ?? Number.NaN;
};
const { train: fitPart, test: validation } = seededSplit(train, 0.8, 7);
const chosen = variants
  .map(([name, options]) => ({ name, options, validation: aucOf(options, fitPart, validation) }))
  .sort((a, b) => b.validation - a.validation)[0];
if (chosen === undefined) throw new Error("no variant to choose from");
for (const [name, options] of variants) {
  const mark = name === chosen.name ? "  ← chosen on validation" : "";
  console.log(`  ${name}: ROC AUC ${aucOf(options, train, test).toFixed(4)} on test${mark}`);
}
const auc = aucOf(chosen.options, train, test);
console.log(
  `Chosen on a validation slice of the training data (AUC ${chosen.validation.toFixed(4)}): ${chosen.name}; test ROC AUC ${auc.toFixed(4)}.`,
);
const top = fitControlValueModel(stats, { belowControl: "negative" });
if (top.ok) {
  console.log("Strongest signals (rate vs control):");
  for (const s of top.value.signals.filter((x) => x.status === "above_control").slice(0, 5))
    console.log(`  ${s.key}: ${(s.rate * 100).toFixed(1)} % of ${s.leads} leads, lift ${s.lift.toFixed(2)}`);
}
console.log(auc >= 0.87 ? "Target ROC AUC ≥ 0.87: met." : "Target ROC AUC ≥ 0.87: NOT met.");
