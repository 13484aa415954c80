import { leadSchema, safeParseLead } from "leadkit";
import { generateLeads } from "leadkit/testing";
import type { BenchCase } from "./harness.js";

// JSON as it arrives from an API: strings for dates, defaults present.
const inputs: unknown[] = generateLeads({ seed: 7, count: 500 }).map((lead) =>
  JSON.parse(JSON.stringify(lead)),
);
let cursor = 0;
const next = () => inputs[cursor++ % inputs.length];

const cases: readonly BenchCase[] = [
  {
    name: "safeParseLead (generated leads, JSON input)",
    baselineName: "bare zod leadSchema.safeParse",
    subject: () => safeParseLead(next()),
    baseline: () => leadSchema.safeParse(next()),
    target: "ratio ≥ 0.8",
  },
];

export default cases;
