/** @internal A SQL text literal: single quotes doubled (standard_conforming_strings, the default). */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** @internal A float8 literal that parses back to exactly this double. */
export function sqlFloat(value: number): string {
  return `float8 '${String(value)}'`;
}
