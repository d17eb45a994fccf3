// `npm run test:package`: checks the SDK as npm would publish it. Packs it, then runs
// publint, @arethetypeswrong/cli, the manifest rules, strict consumer compiles (Node ESM + CJS,
// and a browser/edge project) and the bundle size budget. Prints one table; exits 1 on failure.
import { execFileSync } from "node:child_process";
import { cp } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../scripts/support/build.mjs";
import { kilobytes, measureBundle } from "../scripts/support/bundle-size.mjs";
import {
  createConsumer,
  installedPackageDir,
  repositoryRoot,
} from "../scripts/support/consumer.mjs";
import { formatTable, STATUS_LABEL } from "../scripts/support/table.mjs";

/**
 * Budget for the minified + gzipped browser/edge bundle of the whole SDK: 19.9 kB when it was
 * set, with every resource, streaming, files and webhooks in. Raise it only on purpose, and
 * update the figures in packages/replicate/README.md (`npm run size -w replicate-ts`) when you do.
 */
export const GZIP_BUDGET_BYTES = 25_000;

const fixtureDir = fileURLToPath(new URL("./consumer", import.meta.url));
const requireFromRoot = createRequire(join(repositoryRoot, "package.json"));
const binary = (name, path) => join(installedPackageDir(name, requireFromRoot), path);

/** Runs a command; a non-zero exit becomes an Error carrying its output. */
function run(command, args, cwd) {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    });
  } catch (error) {
    throw new Error(`${[error.stdout, error.stderr].filter(Boolean).join("\n").trim()}`);
  }
}

/**
 * The rules of issue 7 for the manifest. `sideEffects` is false, or lists only the Node entry
 * (which registers Node's transport when loaded, so a bundler must not drop it).
 */
function checkManifest(manifest, files) {
  const problems = [];
  const sideEffects = manifest.sideEffects;
  const nodeEntryOnly =
    Array.isArray(sideEffects) && sideEffects.every((file) => /^\.\/dist\/node\.c?js$/.test(file));
  if (sideEffects !== false && !nodeEntryOnly) {
    problems.push('"sideEffects" must be false, or list only ./dist/node.js and ./dist/node.cjs');
  }
  if (!manifest.engines?.node) problems.push('"engines.node" must be set');
  const entries = Object.entries(manifest.exports ?? {});
  if (entries.length === 0) problems.push('"exports" is missing');
  const packed = (file) => files.includes(file.replace(/^\.\//, ""));
  // Every branch that names a file gives its types first, then the default, both packed.
  const checkConditions = (subpath, conditions, trail) => {
    const keys = Object.keys(conditions);
    if ("default" in conditions) {
      if (keys[0] !== "types") problems.push(`"${subpath}" ${trail}: "types" must come first`);
      for (const file of [conditions.types, conditions.default]) {
        if (typeof file !== "string" || !packed(file)) {
          problems.push(`"${subpath}" ${trail}: ${file} is not in the package`);
        }
      }
      return;
    }
    for (const [condition, branch] of Object.entries(conditions)) {
      if (typeof branch !== "object" || branch === null) {
        problems.push(`"${subpath}" ${trail}${condition}: needs { "types", "default" }`);
      } else {
        checkConditions(subpath, branch, `${trail}${condition} > `);
      }
    }
  };
  for (const [subpath, target] of entries) {
    if (subpath.includes("*")) problems.push(`export "${subpath}" is a wildcard`);
    if (subpath === "./package.json") continue;
    for (const condition of ["import", "require"]) {
      if (!target?.[condition])
        problems.push(`export "${subpath}" has no "${condition}" condition`);
    }
    checkConditions(subpath, target, "");
  }
  if (problems.length) throw new Error(problems.join("\n"));
  return `${entries.length} export entries, ${files.length} files packed`;
}

async function main() {
  ensureBuilt("replicate", "replicate-ts");
  const consumer = await createConsumer({
    prefix: "replicate-ts-package-",
    extraDependencies: ["@types/node"],
  });
  const results = [];
  const check = async (name, body) => {
    const started = performance.now();
    try {
      const detail = await body();
      results.push({ name, status: "pass", detail, ms: performance.now() - started });
    } catch (error) {
      results.push({
        name,
        status: "fail",
        detail: error.message,
        ms: performance.now() - started,
      });
    }
  };

  try {
    const { tarball, files } = consumer.packed;
    await check("publint --strict", () => {
      run(process.execPath, [binary("publint", "src/cli.js"), "run", "--strict", tarball]);
      return "no errors, warnings or suggestions";
    });
    await check("attw (all resolution modes)", () => {
      run(process.execPath, [
        binary("@arethetypeswrong/cli", "dist/index.js"),
        tarball,
        "--format",
        "ascii",
      ]);
      return "node10, node16 CJS, node16 ESM, bundler: no problems";
    });
    await check("manifest: exports, sideEffects, engines", () =>
      checkManifest(consumer.manifest, files),
    );

    await cp(fixtureDir, consumer.dir, { recursive: true });
    const tsc = binary("typescript", "bin/tsc");
    await check("strict consumer: Node ESM + CJS (nodenext)", () => {
      run(process.execPath, [tsc, "-p", "tsconfig.node.json"], consumer.dir);
      return "compiles with skipLibCheck: false, @types/node, no DOM lib";
    });
    await check("strict consumer: browser/edge (bundler)", () => {
      run(process.execPath, [tsc, "-p", "tsconfig.browser.json"], consumer.dir);
      return "compiles with skipLibCheck: false, DOM lib, no @types/node";
    });

    await check("size budget (esbuild --minify, gzip)", async () => {
      const size = await measureBundle("replicate-ts", consumer.dir);
      const summary = `${kilobytes(size.gzipped)} gzipped (${kilobytes(size.minified)} minified), budget ${kilobytes(GZIP_BUDGET_BYTES)}`;
      if (size.gzipped > GZIP_BUDGET_BYTES) throw new Error(`over budget: ${summary}`);
      return summary;
    });
  } finally {
    await consumer.remove();
  }

  console.log(
    formatTable([
      ["package check", "result", "time", "detail"],
      ...results.map((result) => [
        result.name,
        STATUS_LABEL[result.status],
        `${(result.ms / 1000).toFixed(1)} s`,
        result.status === "pass" ? result.detail : "see below",
      ]),
    ]),
  );
  const failures = results.filter((result) => result.status !== "pass");
  for (const failure of failures) console.log(`\n--- ${failure.name} ---\n${failure.detail}`);
  if (failures.length) {
    console.log(`\n${failures.length} package check(s) failed.`);
    process.exitCode = 1;
  }
}

await main();
