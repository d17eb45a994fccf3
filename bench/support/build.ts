/**
 * Prepares what the children run: the SDK's build (rebuilt when older than its sources, as
 * `npm test` does for package tests) and the child script bundled to plain JavaScript. The
 * clients stay external imports, so that each child loads them from node_modules exactly as a
 * user's project would (`replicate-ts` from packages/replicate/dist), and no TypeScript loader
 * runs in a child to add to its time or memory.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { ROOT, SDK_DIR, WORK_DIR } from "./paths";

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Builds replicate-ts unless its dist is newer than its sources. Returns whether it built. */
export function ensureSdkBuilt(): boolean {
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

/** Bundles bench/child.ts into bench/.tmp/child/ and returns the entry's path. */
export async function bundleChild(): Promise<string> {
  const outdir = join(WORK_DIR, "child");
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
    // measure the built package.
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
