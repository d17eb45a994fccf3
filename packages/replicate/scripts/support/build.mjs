// Rebuilds a workspace package when its dist is older than its sources, so that
// `npm run test:runtimes` and `npm run test:package` never test a stale build. Under `npm test`
// the root pretest has just built everything, so this finds nothing to do.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repositoryRoot } from "./consumer.mjs";

function newestModification(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    newest = Math.max(newest, newestModification(join(path, entry)));
  }
  return newest;
}

/** Builds `packages/<folder>` (npm name `workspace`) unless its dist is up to date. */
export function ensureBuilt(folder, workspace) {
  const dir = join(repositoryRoot, "packages", folder);
  const built = newestModification(join(dir, "dist", "index.js"));
  const sources = Math.max(
    newestModification(join(dir, "src")),
    newestModification(join(dir, "package.json")),
    newestModification(join(dir, "tsdown.config.ts")),
  );
  if (built > sources) return false;
  console.error(`[build] ${workspace}: dist is missing or older than src, building`);
  execFileSync("npm", ["run", "build", "--silent", "--workspace", workspace], {
    cwd: repositoryRoot,
    stdio: ["ignore", "ignore", "inherit"],
  });
  return true;
}
