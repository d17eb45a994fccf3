import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the sources, so a stale build can never make a test pass.
    alias: {
      "replicate-ts/node": fromRoot("./packages/replicate/src/node.ts"),
      "replicate-ts": fromRoot("./packages/replicate/src/index.ts"),
      "@replicate-ts/emulator": fromRoot("./packages/emulator/src/index.ts"),
    },
  },
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
