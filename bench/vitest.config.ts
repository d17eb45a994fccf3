import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run bench:smoke`: the benchmark's quick mode as a test, kept out of `npm test` (it takes
 * about half a minute and measures the machine as much as the code).
 */
export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["bench/**/*.test.ts"],
    testTimeout: 180_000,
  },
});
