import { fileURLToPath } from "node:url";

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** Where the benchmark puts what it builds (ignored by git and biome). */
export const WORK_DIR = fileURLToPath(new URL("../.tmp", import.meta.url));
export const SDK_DIR = fileURLToPath(new URL("../../packages/replicate", import.meta.url));
