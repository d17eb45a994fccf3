/**
 * Prepares what the children run, as a user's project would have it:
 *
 * - replicate-ts is built (when its dist is older than its sources, as `npm test` does for the
 *   package tests), packed with `npm pack` and unpacked into a throwaway project's
 *   node_modules, so that the children load exactly what npm would install, and a rebuild in
 *   the shared checkout during a run cannot pull the package from under them. The official
 *   client and eventsource-parser are linked from the repository's node_modules.
 * - The child script is bundled into that project as plain JavaScript with the clients left as
 *   external imports: no TypeScript loader runs in a child to add to its time or memory.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT, SDK_DIR, WORK_DIR } from "./paths";

/** The project the children run in: replicate-ts from its tarball, the other clients linked. */
export const CONSUMER_DIR = join(WORK_DIR, "consumer");
/** Where `replicate-ts` is installed in it; a child checks that it loaded the SDK from here. */
export const INSTALLED_SDK_DIR = join(CONSUMER_DIR, "node_modules", "replicate-ts");

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Builds replicate-ts unless its dist is newer than its sources. Returns whether it built. */
function ensureSdkBuilt(): boolean {
  const built = newest(join(SDK_DIR, "dist", "node.js"));
  const sources = Math.max(
    newest(join(SDK_DIR, "src")),
    newest(join(SDK_DIR, "package.json")),
    newest(join(SDK_DIR, "tsdown.config.ts")),
  );
  if (built > sources) return false;
  console.error("[bench] replicate-ts: dist is missing or older than src, building");
  execFileSync("npm", ["run", "build", "--silent", "--workspace", "replicate-ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return true;
}

/** `npm pack` of replicate-ts into bench/.tmp/pack; returns the tarball's path. */
async function packSdk(): Promise<string> {
  const destination = join(WORK_DIR, "pack");
  await rm(destination, { recursive: true, force: true });
  await mkdir(destination, { recursive: true });
  const output = execFileSync(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", destination],
    { cwd: SDK_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const [packed] = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
  const files = new Set(packed!.files.map((file) => file.path));
  for (const needed of ["dist/index.js", "dist/node.js", "package.json"]) {
    if (!files.has(needed)) throw new Error(`the packed replicate-ts lacks ${needed}`);
  }
  return join(destination, packed!.filename);
}

/**
 * Builds and packs replicate-ts and installs the tarball into bench/.tmp/consumer. Returns the
 * tarball, which the size workload measures too.
 */
export async function prepareConsumer(): Promise<string> {
  ensureSdkBuilt();
  const tarball = await packSdk();
  await rm(CONSUMER_DIR, { recursive: true, force: true });
  await mkdir(INSTALLED_SDK_DIR, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", INSTALLED_SDK_DIR, "--strip-components=1"]);
  const manifest = JSON.parse(await readFile(join(INSTALLED_SDK_DIR, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  for (const name of ["replicate", ...Object.keys(manifest.dependencies ?? {})]) {
    await symlink(join(ROOT, "node_modules", name), join(CONSUMER_DIR, "node_modules", name));
  }
  await writeFile(
    join(CONSUMER_DIR, "package.json"),
    '{ "name": "replicate-ts-bench-consumer", "private": true, "type": "module" }\n',
  );
  return tarball;
}

/** Bundles bench/child.ts into the consumer project and returns the entry's path. */
export async function bundleChild(): Promise<string> {
  const outdir = join(CONSUMER_DIR, "child");
  const result = await build({
    entryPoints: [join(ROOT, "bench", "child.ts")],
    outdir,
    bundle: true,
    // One chunk per client adapter: a child loads only the client it measures.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    // No tsconfig.json: its `paths` map replicate-ts to the sources, and the children must
    // measure the installed package.
    tsconfigRaw: "{}",
    metafile: true,
    logLevel: "warning",
  });
  const bundled = Object.keys(result.metafile.inputs).filter((input) =>
    input.includes("packages/"),
  );
  if (bundled.length > 0) {
    throw new Error(`the child bundle must not contain package sources: ${bundled.join(", ")}`);
  }
  return join(outdir, "child.js");
}
