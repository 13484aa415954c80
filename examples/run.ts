// `npm run example -- <name>` runs examples/<name>/main.ts; `npm run demo` runs the quickstart.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { applyExampleArgs, ENGLISH_ONLY } from "./example-args.js";

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, "main.ts")))
  .map((d) => d.name)
  .sort();
const name = process.argv[2];
if (name === undefined || !available.includes(name)) {
  console.error(`Usage: npm run example -- <name>\nExamples: ${available.join(", ")}`);
  process.exit(name === undefined ? 0 : 1);
}
process.argv.splice(2, 1);
const main = join(here, name, "main.ts");
// An example that reads no options of its own still refuses unknown flags and says it is in English.
if (!readFileSync(main, "utf8").includes("readExampleArgs("))
  applyExampleArgs(name, process.argv.slice(2), new Map(), ENGLISH_ONLY);
await import(pathToFileURL(main).href);
