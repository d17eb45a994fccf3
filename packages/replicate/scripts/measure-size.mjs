// `npm run size -w replicate-ts`: the browser/edge cost of replicate-ts next to the official
// `replicate` client (installed as a devDependency of the emulator workspace), both measured the
// same way: esbuild bundle for the browser of the whole module, minified, gzipped (level 9).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ensureBuilt } from "./support/build.mjs";
import { kilobytes, measureBundle } from "./support/bundle-size.mjs";
import { installedPackageDir, packageDir, repositoryRoot } from "./support/consumer.mjs";
import { formatTable } from "./support/table.mjs";

ensureBuilt("replicate", "replicate-ts");
const emulatorDir = join(repositoryRoot, "packages", "emulator");
const rows = [["package", "minified", "minified + gzip"]];
for (const [name, from] of [
  ["replicate-ts", packageDir],
  ["replicate", emulatorDir],
]) {
  const dir = installedPackageDir(name, createRequire(join(from, "package.json")));
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const size = await measureBundle(name, from);
  rows.push([`${name} ${version}`, kilobytes(size.minified), kilobytes(size.gzipped)]);
}
console.log(formatTable(rows));
