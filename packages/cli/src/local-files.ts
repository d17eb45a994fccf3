import { readFile, stat } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { UsageError } from "./exit-codes";
import { LocalFile, type ParsedInput } from "./input-values";

const TYPE_BY_EXTENSION: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".wav": "audio/wav",
  ".mp3": "audio/mpeg",
  ".mp4": "video/mp4",
  ".txt": "text/plain",
  ".json": "application/json",
};

/** The media type a file name suggests. */
export function contentTypeFor(path: string): string {
  return TYPE_BY_EXTENSION[extname(path).toLowerCase()] ?? "application/octet-stream";
}

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
    if (value instanceof LocalFile) {
      const absolute = resolve(cwd, value.path);
      const info = await stat(absolute).catch(() => undefined);
      if (!info?.isFile()) {
        throw new UsageError(
          `No such file: ${value.path} (after @ give the path of a local file).`,
        );
      }
      return convert(absolute);
    }
    if (Array.isArray(value)) return Promise.all(value.map(visit));
    return value;
  };
  const entries = await Promise.all(
    Object.entries(input).map(async ([key, value]) => [key, await visit(value)] as const),
  );
  return Object.fromEntries(entries);
}

/** A file as a data URI: the fallback when the SDK cannot upload files. */
export async function dataUriOf(path: string): Promise<string> {
  const bytes = await readFile(path);
  return `data:${contentTypeFor(path)};base64,${bytes.toString("base64")}`;
}
