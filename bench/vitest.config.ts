import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run bench:smoke`: the benchmark's quick mode as a test. `npm test` runs it last, on its own
 * (not in the main vitest run), so that it keeps the suite from rotting without judging targets.
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["bench/**/*.test.ts"],
    testTimeout: 180_000,
  },
});
