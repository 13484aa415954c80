// Precision and recall of findPossibleDuplicates on generated people with planted near-duplicates
// (test/support/near-duplicates.ts), and what the blocking costs: `npx tsx bench/duplicates-quality.ts`.
// Counts, not timings, decide the table; the time column is indicative only (one run, shared machine).
import { findDuplicates, findPossibleDuplicates } from "../src/model/index.js";
import { generateNearDuplicateSet, precisionRecall } from "../test/support/near-duplicates.js";

/** The planted pairs that share no exact email or phone key. */
function withoutExact(
  truth: ReadonlySet<string>,
  records: Parameters<typeof findDuplicates>[0],
): Set<string> {
  const joined = new Set<string>();
  for (const g of findDuplicates(records, { kinds: ["email", "phone"], maxGroupSize: 1000 }).groups)
    for (const a of g.ids) for (const b of g.ids) if (a < b) joined.add(`${a}|${b}`);
  return new Set([...truth].filter((pair) => !joined.has(pair)));
}

const rows: string[] = [
  "| people | records | planted pairs | minScore | precision | recall | comparisons per record | ms per 1,000 records |",
  "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
];
for (const people of [3000, 10000]) {
  for (const minScore of [0.75, 0.9]) {
    const seen = {
      precision: [] as number[],
      recall: [] as number[],
      perRecord: [] as number[],
      ms: [] as number[],
    };
    let records = 0;
    let planted = 0;
    for (const seed of [1, 2, 3]) {
      const set = generateNearDuplicateSet({ seed, people });
      const started = performance.now();
      const report = findPossibleDuplicates(set.records, { minScore });
      seen.ms.push(((performance.now() - started) / set.records.length) * 1000);
      // A planted pair an exact key joins is findDuplicates' to report: it is left out of the truth.
      const truth = withoutExact(set.truth, set.records);
      const pr = precisionRecall(
        report.candidates.map((c) => c.ids),
        truth,
      );
      seen.precision.push(pr.precision);
      seen.recall.push(pr.recall);
      seen.perRecord.push(report.comparisons / set.records.length);
      records += set.records.length;
      planted += truth.size;
    }
    const range = (xs: number[], digits: number) =>
      `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
    rows.push(
      `| ${people.toLocaleString("en")} | ~${Math.round(records / 3).toLocaleString("en")} | ~${Math.round(planted / 3)} | ${minScore} | ${range(seen.precision, 3)} | ${range(seen.recall, 3)} | ${range(seen.perRecord, 1)} | ${range(seen.ms, 0)} |`,
    );
  }
}
console.log(rows.join("\n"));
