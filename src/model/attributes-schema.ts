import * as z from "zod";
import { dataRecord, INPUT_LIMITS, storable } from "../internal/index.js";

const { idLength, textLength, longTextLength, listItems } = INPUT_LIMITS;

// Every string a record holds is checked for text no backend can store (U+0000, lone surrogates):
// the in-memory and PostgreSQL repositories then accept exactly the same records.
const id = /* @__PURE__ */ storable(z.string().min(1).max(idLength));
const text = /* @__PURE__ */ storable(z.string().max(textLength));
const longText = /* @__PURE__ */ storable(z.string().max(longTextLength));
// Checked after the union, so text no backend can store is said as such, not as "invalid_union".
const attributeValue = /* @__PURE__ */ storable(
  z.union([
    z.string().max(longTextLength),
    z.number().refine(Number.isFinite, "Expected a finite number"),
    z.boolean(),
    z.null(),
  ]),
);

/**
 * Values allowed in a record's custom attributes: JSON scalars, so records stay serialisable. Keys
 * are data: any non-empty string up to 200 characters, `__proto__` and `constructor` included; at
 * most 1,000 keys.
 *
 * @example
 * ```ts
 * import { attributesSchema } from "./attributes-schema.js";
 *
 * attributesSchema.parse({ seats: 25, trial: true, plan: "team" });
 * ```
 * @category Model
 */
export const attributesSchema = /* @__PURE__ */ dataRecord(id, attributeValue, listItems);

export { id, longText, text };
