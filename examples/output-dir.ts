import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where an example writes its files: `examples/<name>/out/`, or `$LEADKIT_OUT_DIR/<name>` when set
 * (the smoke tests point it at a temporary folder).
 */
export function outputDir(exampleUrl: string): string {
  const exampleDir = dirname(fileURLToPath(exampleUrl));
  const base = process.env["LEADKIT_OUT_DIR"];
  const dir =
    base === undefined
      ? join(exampleDir, "out")
      : join(resolve(base), exampleDir.split(/[\\/]/).at(-1) ?? "example");
  mkdirSync(dir, { recursive: true });
  return dir;
}
