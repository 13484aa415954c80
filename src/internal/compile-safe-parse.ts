// Internal: a schema's safe parse through zod's generated code (`z.compile`), with the answers of
// the schema's own parser on every input.
import * as z from "zod";
import { createDataRecordScan } from "./data-record.js";
import { fromZodIssues } from "./parse.js";
import { err, ok, type Result } from "./result.js";

type Compile = <S extends z.core.SomeType>(schema: S) => S;

/**
 * Builds the fastest safe parse zod offers for a schema that gives the same answer as
 * `safeParseWith(schema, input)` on every input, valid or not.
 *
 * zod's `z.compile` turns a schema into generated code with zod's own results and issues; on
 * invalid input it hands the parse back to the schema's parser, so issues always come from there.
 * What it cannot see are the parsers {@link dataRecord} puts on leadkit's data records: a record
 * with too many keys, or with an own `__proto__` key, is therefore given to the schema's parser,
 * found by {@link createDataRecordScan} after the compiled code has accepted the input (a failure
 * is already the schema's own answer).
 *
 * Where zod cannot generate code — a zod older than 4.5 (no `z.compile`), or an environment whose
 * Content Security Policy forbids `new Function`, in which `z.compile` returns the schema itself —
 * the returned function is the schema's parser.
 *
 * @param schema - The schema; it is not changed.
 * @param compile - zod's compiler; a test passes another.
 * @returns A function that parses any value and never throws for anything `JSON.parse` produces.
 */
export function compileSafeParse<S extends z.ZodType>(
  schema: S,
  compile: Compile | undefined = (z as { compile?: Compile }).compile,
): (input: unknown) => Result<z.output<S>> {
  const standard = (input: unknown): Result<z.output<S>> => {
    const parsed = schema.safeParse(input);
    return parsed.success ? ok(parsed.data) : err(fromZodIssues(parsed.error.issues));
  };
  if (compile === undefined) return standard;
  let compiled: S;
  try {
    compiled = compile(schema);
  } catch {
    return standard;
  }
  if (compiled === schema) return standard;
  const scan = createDataRecordScan(schema);
  return (input) => {
    const parsed = compiled.safeParse(input);
    // A failure is already the schema's own answer: the compiled code handed the parse back to it.
    if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
    // A success is, unless a data record held what only its own parser handles. Scanned after the
    // parse, the scan reads what the parse has just read (cheap), and never for invalid input.
    return scan?.(input) ? standard(input) : ok(parsed.data);
  };
}
