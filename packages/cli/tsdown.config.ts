import { defineConfig } from "tsdown";

export default defineConfig({
  entry: ["src/bin.ts"],
  // A command-line tool is only ever executed, never imported: ESM alone is enough.
  format: ["esm"],
  platform: "node",
  target: "node20",
  dts: false,
  sourcemap: true,
  clean: true,
  // package.json says "type": "module", so .js is ESM; keep the name the bin field points at.
  fixedExtension: false,
  banner: { js: "#!/usr/bin/env node" },
});
