import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "testing/index": "src/testing/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  tsconfig: "tsconfig.build.json",
  sourcemap: true,
  clean: true,
  // Keep each module in its own chunk so bundlers can drop what a caller does not import.
  splitting: true,
  treeshake: true,
  target: "node20",
  external: ["zod", "date-fns"],
});
