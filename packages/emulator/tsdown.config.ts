import { defineConfig } from "tsdown";

export default defineConfig({
  // index: the library; bin: the `replicate-ts-emulator` command (its shebang is kept).
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm", "cjs"],
  dts: true,
  platform: "node",
  target: "es2022",
  sourcemap: true,
  clean: true,
  // package.json names dist/index.js and dist/bin.js (ESM) beside dist/index.cjs.
  fixedExtension: false,
  // The public catalogue is optional and loaded at run time, never bundled.
  external: ["all-the-public-replicate-models"],
});
