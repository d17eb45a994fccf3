import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "./exit-codes";
import { LocalFile, type ParsedInput } from "./input-values";

/**
 * Replaces each {@link LocalFile} in the input (at any depth) by what `convert` makes of it, one
 * file after the other, once every file is known to exist (relative to `cwd`): a missing file is
 * reported before anything is uploaded.
 */
export async function resolveLocalFiles(
  input: ParsedInput,
  cwd: string,
  convert: (absolutePath: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const paths = new Map<LocalFile, string>();
  const find = (value: unknown): void => {
    if (value instanceof LocalFile) paths.set(value, "");
    else if (Array.isArray(value)) value.forEach(find);
  };
  Object.values(input).forEach(find);
  for (const file of paths.keys()) paths.set(file, await requireLocalFile(file.path, cwd));
  const visit = async (value: unknown): Promise<unknown> => {
    if (value instanceof LocalFile) return convert(paths.get(value)!);
    if (!Array.isArray(value)) return value;
    const items: unknown[] = [];
    for (const item of value) items.push(await visit(item));
    return items;
  };
  const resolved: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) resolved[key] = await visit(value);
  return resolved;
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
