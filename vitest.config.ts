import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `leadkit` and `leadkit/<module>` resolve to the sources, as the package's entries do to dist.
const alias = [
  {
    find: /^leadkit\/(origin|lifecycle|qualification|scoring|metrics|ports|services|postgres|testing)$/,
    replacement: fileURLToPath(new URL("./src/$1/index.ts", import.meta.url)),
  },
  { find: /^leadkit$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
];

export default defineConfig({
  resolve: { alias },
  test: {
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text-summary", "json-summary"],
      reportsDirectory: "coverage",
      thresholds: { lines: 90 },
    },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "examples",
          include: ["test/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "types",
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "./tsconfig.json",
            // `tsc --noEmit` is its own gate in `npm test`; here only the type assertions count.
            ignoreSourceErrors: true,
          },
        },
      },
      {
        resolve: { alias },
        // Hooks sample large pools of arbitrary values; on a loaded machine 10 s (the default) is not enough.
        test: {
          name: "properties",
          include: ["test/**/*.test-prop.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
