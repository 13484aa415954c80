import * as z from "zod";
import { type Result, safeParseWith, unwrapOrThrow } from "../../internal/index.js";
import { type PointsModel, pointsModelSchema } from "./points-model.js";

/**
 * Validates any value as a points model; never throws.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The parsed {@link PointsModel} or issues with paths (e.g. `["rules", 2, "group"]`).
 * @example
 * ```ts
 * import { safeParsePointsModel } from "leadkit/scoring";
 *
 * declare const text: string; // a model file's contents
 * const result = safeParsePointsModel(JSON.parse(text));
 * if (!result.ok) console.log(result.issues);
 * ```
 * @category Scoring
 */
export function safeParsePointsModel(input: unknown): Result<PointsModel> {
  return safeParseWith(pointsModelSchema, input) as Result<PointsModel>;
}

/**
 * Validates any value as a points model, throwing on bad input.
 *
 * @param input - Any value, typically parsed JSON.
 * @returns The parsed {@link PointsModel}.
 * @throws `LeadKitError` with code `invalid_input` and every issue.
 * @example
 * ```ts
 * import { parsePointsModel } from "leadkit/scoring";
 *
 * const model = parsePointsModel({ id: "m", groups: [{ id: "fit" }], rules: [] });
 * ```
 * @category Scoring
 */
export function parsePointsModel(input: unknown): PointsModel {
  return unwrapOrThrow(safeParsePointsModel(input), "points model");
}

/**
 * The JSON Schema of a points model, for editors, forms and other languages.
 *
 * @returns A JSON Schema (draft 2020-12) object.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { pointsModelJsonSchema } from "leadkit/scoring";
 *
 * writeFileSync("points-model.schema.json", JSON.stringify(pointsModelJsonSchema(), null, 2));
 * ```
 * @category Scoring
 */
export function pointsModelJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(pointsModelSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
}
