import * as z from "zod";
import type { DeepReadonly } from "../../internal/index.js";
import { leadFieldSchema } from "../points/points-model.js";

const finite = z.number().refine(Number.isFinite, "Expected a finite number");

/** The most bins one feature may have (bin indices are stored in one byte per row). */
export const MAX_BINS_PER_FEATURE = 250;

/**
 * One feature of a binning spec, shared by every fitter: the field it reads and how its values are
 * grouped into bins.
 *
 * @remarks
 * A feature with `bins` is numeric. `bins` is either fixed ascending edges — `[1, 5]` gives `< 1`,
 * `1 ≤ v < 5` and `≥ 5`, exactly as the control-value method reads them — or a strategy learned from
 * the training data: `{ kind: "quantile", count }` cuts the values into `count` bins of about equal
 * size, and `{ kind: "monotone", count }` starts from those quantile bins and merges neighbours until
 * the conversion rate only rises or only falls along the bins (the scorecard convention). A missing
 * value (absent, `null`, `""`) or a value that is not a number falls in a bin of its own.
 *
 * A feature without `bins` is a category: each value seen in at least `minSupport` training records
 * (default 30, as the control-value method) gets a bin; rarer values share an "other" bin, and a
 * missing value has a bin of its own. `categories` fixes the list instead of learning it (an empty
 * list puts every value in "other"). At most
 * 250 bins per feature (the most frequent values win).
 *
 * A spec with only fixed edges and no `categories` or `minSupport` is also a valid control-value
 * `fields` list, so one spec serves the scorecard, the boosting, the control value and the
 * predictive model (see `learnBins`).
 *
 * @example
 * ```ts
 * import { fitFeatureSchema } from "./fit-feature.js";
 *
 * fitFeatureSchema.parse({ field: "contact.attributes.TotalVisits", bins: { kind: "monotone", count: 10 } });
 * fitFeatureSchema.parse({ field: "source", minSupport: 50 });
 * ```
 * @category Scoring
 */
export const fitFeatureSchema = z
  .object({
    field: leadFieldSchema,
    bins: z
      .union([
        z
          .array(finite)
          .min(1)
          .max(MAX_BINS_PER_FEATURE - 2)
          .refine((b) => b.every((x, i) => i === 0 || (b[i - 1] ?? x) < x), {
            message: "Bin edges must be strictly ascending",
          }),
        z
          .object({
            kind: z.enum(["quantile", "monotone"]),
            count: z
              .number()
              .int()
              .min(2)
              .max(MAX_BINS_PER_FEATURE - 2),
          })
          .strict(),
      ])
      .optional(),
    categories: z
      .array(z.union([z.string().min(1), finite, z.boolean()]))
      .max(MAX_BINS_PER_FEATURE - 2)
      .optional(),
    minSupport: z.number().int().min(1).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (f.bins !== undefined && (f.categories !== undefined || f.minSupport !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["bins"],
        message: `Feature "${f.field}" has bins (numeric) and categories or minSupport (categorical); expected one kind`,
      });
    if (f.categories !== undefined && new Set(f.categories).size !== f.categories.length)
      ctx.addIssue({
        code: "custom",
        path: ["categories"],
        message: `Feature "${f.field}" lists a category twice; expected each value once`,
      });
  });

/**
 * One feature of a binning spec.
 *
 * @example
 * ```ts
 * import { type FitFeature, fitPointsModel } from "leadkit/scoring";
 *
 * const features: FitFeature[] = [
 *   { field: "contact.attributes.Lead Source" },
 *   { field: "contact.attributes.TotalVisits", bins: [1, 3, 6] },
 * ];
 * fitPointsModel(leads, { method: "scorecard", features });
 * ```
 * @category Scoring
 */
export type FitFeature = DeepReadonly<z.input<typeof fitFeatureSchema>>;
