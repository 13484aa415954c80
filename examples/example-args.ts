import { basename, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The languages the examples print in. */
export type ExampleLanguage = "en" | "es";

/** One option an example takes besides `--lang` and `--help`. */
export interface ExampleOption {
  /** `string` takes a value (`--rows 500`, `--rows=500`); `boolean` is a bare flag (`--pglite`). */
  readonly type: "string" | "boolean";
  /** What to put after the flag in the usage line, e.g. `file.json`. */
  readonly value?: string;
}

/** What an example was asked for. */
export interface ExampleArgs {
  readonly lang: ExampleLanguage;
  readonly help: boolean;
  /** The options given, by name without the dashes (only names the example declared). */
  readonly values: ReadonlyMap<string, string | boolean>;
}

/** The outcome of {@link parseExampleArgs}: the arguments, or a message for the person typing. */
export type ParsedExampleArgs =
  | { readonly ok: true; readonly value: ExampleArgs }
  | { readonly ok: false; readonly message: string };

const LANGUAGES: readonly ExampleLanguage[] = ["en", "es"];
const BUILT_IN = new Map<string, ExampleOption>([
  ["lang", { type: "string", value: "en|es" }],
  ["help", { type: "boolean" }],
]);

/** The usage line of an example, e.g. `npm run example -- origin-rules [--lang en|es] [--rules file.json]`. */
export function usageOf(example: string, options: ReadonlyMap<string, ExampleOption>): string {
  const flags = [...BUILT_IN, ...options]
    .filter(([name]) => name !== "help")
    .map(([name, o]) => `[--${name}${o.type === "string" ? ` ${o.value ?? "value"}` : ""}]`);
  return `npm run example -- ${example} ${flags.join(" ")}`;
}

/** Edit distance, to suggest the option someone meant (`--lnag` → `--lang`). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const swap =
        i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? (previous[j - 2] ?? 0) : Infinity;
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        swap + 1,
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * Parses an example's command line strictly: only `--lang en|es`, `--help` and the options the
 * example declares; anything else — an unknown or misspelt flag, a missing value, a stray word — is a
 * message naming the argument, what the example accepts and (for a near miss) what was meant.
 *
 * @param example - The example's name, for the messages.
 * @param argv - The arguments after the example's name.
 * @param options - The example's own options, by name without the dashes.
 * @returns The arguments, or the message to print.
 */
export function parseExampleArgs(
  example: string,
  argv: readonly string[],
  options: ReadonlyMap<string, ExampleOption> = new Map(),
): ParsedExampleArgs {
  const known = new Map([...BUILT_IN, ...options]);
  const usage = `Usage: ${usageOf(example, options)}`;
  const fail = (message: string): ParsedExampleArgs => ({ ok: false, message: `${message}\n${usage}` });
  // Checked here first so that the message can say what was meant; parseArgs then reads the values.
  for (const arg of argv) {
    if (arg === "--") break;
    if (!arg.startsWith("-")) continue;
    const name = arg.replace(/^--?/, "").split("=")[0] ?? "";
    if (known.has(name) && arg.startsWith("--")) continue;
    const near = [...known.keys()]
      .map((k) => ({ k, d: distance(name, k) }))
      .filter((c) => c.d <= 2)
      .sort((x, y) => x.d - y.d)[0];
    return fail(
      `Unknown option ${JSON.stringify(arg)} for the example "${example}"${near === undefined ? "" : `; did you mean --${near.k}?`} It accepts ${[...known.keys()].map((k) => `--${k}`).join(", ")}.`,
    );
  }
  const config: Record<string, { type: "string" | "boolean" }> = Object.create(null);
  for (const [name, o] of known) config[name] = { type: o.type };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: false });
  } catch (error) {
    return fail(`Cannot read the arguments of "${example}": ${(error as Error).message}`);
  }
  const values = new Map<string, string | boolean>();
  for (const name of known.keys())
    if (Object.hasOwn(parsed.values, name)) {
      const value = parsed.values[name];
      if (typeof value === "string" || typeof value === "boolean") values.set(name, value);
    }
  const lang = values.get("lang") ?? "en";
  if (!LANGUAGES.includes(lang as ExampleLanguage))
    return fail(`Unknown language ${JSON.stringify(lang)} for --lang; expected ${LANGUAGES.join(" or ")}.`);
  values.delete("lang");
  const help = values.get("help") === true;
  values.delete("help");
  return { ok: true, value: { lang: lang as ExampleLanguage, help, values } };
}

/**
 * Reads the command line of the example at `exampleUrl` (its `import.meta.url`): on a bad argument
 * prints the message and exits with status 2; on `--help` prints the usage and exits with 0. With
 * `--lang es`, prints `englishNote` first when part of the example's output stays in English.
 *
 * @param exampleUrl - The example's `import.meta.url`.
 * @param options - The example's own options.
 * @param englishNote - In Spanish, what stays in English (printed once at the start), or `null`
 *   when the whole output is translated.
 * @returns The arguments.
 */
export function readExampleArgs(
  exampleUrl: string,
  options: Readonly<Record<string, ExampleOption>> = {},
  englishNote: string | null = ENGLISH_ONLY,
): ExampleArgs {
  const example = basename(dirname(fileURLToPath(exampleUrl)));
  return applyExampleArgs(example, process.argv.slice(2), new Map(Object.entries(options)), englishNote);
}

/** The note of an example whose output has no Spanish translation. */
export const ENGLISH_ONLY = "La salida de este ejemplo está en inglés: no tiene traducción al español.";

/**
 * {@link readExampleArgs} for an example named by the runner (`examples/run.ts` checks the command
 * line of an example that reads none itself, such as first-look, which the README shows verbatim).
 */
export function applyExampleArgs(
  example: string,
  argv: readonly string[],
  declared: ReadonlyMap<string, ExampleOption>,
  englishNote: string | null,
): ExampleArgs {
  const parsed = parseExampleArgs(example, argv, declared);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(2);
  }
  if (parsed.value.help) {
    console.log(usageOf(example, declared));
    process.exit(0);
  }
  if (parsed.value.lang === "es" && englishNote !== null) console.log(`(${englishNote})\n`);
  return parsed.value;
}
