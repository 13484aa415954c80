import * as z from "zod";
import { qualificationFrameworkSchema } from "./schemas.js";

/**
 * The JSON Schema (draft 2020-12) of a qualification framework file, for editor completion and
 * validation outside TypeScript. Point a framework file at it with `"$schema"`.
 *
 * @remarks
 * The schema describes the shape only; `safeParseFramework` also checks what JSON Schema cannot
 * express (unique criterion ids, a possible rule, weights naming real criteria).
 *
 * @returns A JSON-serialisable JSON Schema object.
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs";
 * import { qualificationFrameworkJsonSchema } from "leadkit/qualification";
 *
 * writeFileSync("framework.schema.json", JSON.stringify(qualificationFrameworkJsonSchema(), null, 2));
 * ```
 * @category Qualification
 */
export function qualificationFrameworkJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(qualificationFrameworkSchema) as Record<string, unknown>;
}
