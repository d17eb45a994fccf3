// Builds a throwaway "consumer project" in the system temp folder that holds the SDK exactly as
// npm would install it: the packed tarball, unpacked into node_modules/replicate-ts. Nothing is
// fetched from a registry: the SDK's own dependencies are linked from this repository's
// node_modules, so the runtime and type checks run offline and see only what `npm pack` ships.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const packageDir = fileURLToPath(new URL("../..", import.meta.url));
export const repositoryRoot = join(packageDir, "..", "..");
const requireFromPackage = createRequire(join(packageDir, "package.json"));

/**
 * Packs the SDK with `npm pack` (the `files` field decides what ships) and returns the tarball's
 * path and the packed file list.
 */
export async function packSdk(destination) {
  await mkdir(destination, { recursive: true });
  const output = execFileSync(
    "npm",
    ["pack", "--json", "--ignore-scripts", "--pack-destination", destination],
    { cwd: packageDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const [packed] = JSON.parse(output);
  return {
    tarball: join(destination, packed.filename),
    files: packed.files.map((file) => file.path),
    size: packed.size,
    unpackedSize: packed.unpackedSize,
  };
}

/** The folder of an installed package, found the way Node would from the SDK's folder. */
export function installedPackageDir(name, from = requireFromPackage) {
  let entry;
  try {
    entry = from.resolve(`${name}/package.json`);
  } catch {
    // Packages whose `exports` hide package.json: walk up from the main entry.
    entry = from.resolve(name);
    let dir = dirname(entry);
    while (!existsSync(join(dir, "package.json"))) dir = dirname(dir);
    return dir;
  }
  return dirname(entry);
}

/** Links `node_modules/<name>` of the consumer to this repository's installed copy. */
export async function linkDependency(consumerDir, name, from) {
  const target = join(consumerDir, "node_modules", name);
  await mkdir(dirname(target), { recursive: true });
  await symlink(installedPackageDir(name, from), target, "dir");
}

/**
 * Creates the consumer project: package.json, node_modules/replicate-ts from the tarball, and
 * the SDK's runtime dependencies linked. `extraDependencies` are linked too (e.g. @types/node).
 * Returns its folder and a function that deletes it.
 */
export async function createConsumer({ prefix, type = "module", extraDependencies = [] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), prefix ?? "replicate-ts-consumer-"));
  const packed = await packSdk(join(dir, ".pack"));
  const installDir = join(dir, "node_modules", "replicate-ts");
  await mkdir(installDir, { recursive: true });
  execFileSync("tar", ["-xzf", packed.tarball, "-C", installDir, "--strip-components=1"]);
  const manifest = JSON.parse(await readFile(join(installDir, "package.json"), "utf8"));
  for (const name of [...Object.keys(manifest.dependencies ?? {}), ...extraDependencies]) {
    await linkDependency(dir, name);
  }
  await writeFile(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "replicate-ts-consumer", private: true, type }, null, 2)}\n`,
  );
  return {
    dir,
    packed,
    manifest,
    installDir,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
