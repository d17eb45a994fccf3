import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { fileFromPath } from "replicate-ts/node";
import { UsageError } from "./exit-codes";
import { LocalFile, type ParsedInput } from "./input-values";

/**
 * Replaces each {@link LocalFile} in the input (at any depth) by what `convert` makes of it,
 * after checking that the file exists, relative to `cwd`.
 */
export async function resolveLocalFiles(
  input: ParsedInput,
  cwd: string,
  convert: (absolutePath: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const visit = async (value: unknown): Promise<unknown> => {
    if (value instanceof LocalFile) return convert(await requireLocalFile(value.path, cwd));
    if (Array.isArray(value)) return Promise.all(value.map(visit));
    return value;
  };
  const entries = await Promise.all(
    Object.entries(input).map(async ([key, value]) => [key, await visit(value)] as const),
  );
  return Object.fromEntries(entries);
}

/** The absolute path of a file the user named, or a usage error if there is no such file. */
export async function requireLocalFile(path: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, path);
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isFile()) {
    throw new UsageError(`No such file: ${path} (give the path of a local file).`);
  }
  return absolute;
}

/**
 * A local file as the SDK takes it in a model input: it is uploaded through the Files API when
 * the prediction is created, streamed from disk.
 */
export async function uploadable(path: string): Promise<ReturnType<typeof fileFromPath>> {
  return fileFromPath(path);
}
