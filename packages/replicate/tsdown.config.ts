import { defineConfig } from "tsdown";

export default defineConfig({
  // `node` adds Node's upload transport, fileFromPath and saveTo; it is also what the package's
  // `node` export condition resolves `replicate-ts` to. Both entries share one chunk of code.
  entry: ["src/index.ts", "src/node.ts"],
  // Node's modules are used only by the node entry and are never bundled.
  deps: { neverBundle: [/^node:/] },
  format: ["esm", "cjs"],
  dts: true,
  platform: "neutral",
  target: "es2022",
  // No source maps and no JSDoc in the JavaScript: the code is not minified, so stack traces
  // stay readable, and the documentation ships once, in the declarations.
  sourcemap: false,
  clean: true,
  // The CJS build exposes `exports.default` beside the named exports, as the .d.cts declares.
  outputOptions: { exports: "named", comments: { jsdoc: false, annotation: true, legal: true } },
});
