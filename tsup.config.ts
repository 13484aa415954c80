import { defineConfig } from "tsup";

export default defineConfig({
  // One entry per module, each in the exports map (`.` is internal + model, then `./origin`,
  // `./lifecycle`, … `./testing`): each module lands in its own chunk, and with `sideEffects: false` a
  // bundler drops the chunks a caller does not use — even though zod schemas are built at module level.
  // `src/internal` and `src/model` are built too but not exported: the root entry re-exports them.
  entry: ["src/index.ts", "src/*/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  tsconfig: "tsconfig.build.json",
  sourcemap: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: "node20",
  external: ["zod", "date-fns"],
});
