// Measures what a package costs a browser or edge app: bundled with esbuild for the browser,
// minified, then gzipped. Every export is kept (the entry re-exports the whole namespace), so
// the figure is the whole client, not what tree-shaking leaves of one call.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/**
 * Bundles `import * as sdk from "<specifier>"` as resolved from `resolveDir` and returns the
 * minified and gzipped byte counts.
 */
export async function measureBundle(specifier, resolveDir) {
  const result = await build({
    stdin: {
      contents: `import * as sdk from ${JSON.stringify(specifier)};\nglobalThis.__sdk = sdk;\n`,
      resolveDir,
      loader: "js",
    },
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["worker", "browser"],
    logLevel: "silent",
    legalComments: "none",
    // No tsconfig.json lookup: the repository's `paths` would swap the built package for its
    // sources. What is measured is what npm installs.
    tsconfigRaw: "{}",
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

/** `12.3 kB` (1 kB = 1000 bytes, as bundlers print it). */
export function kilobytes(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
