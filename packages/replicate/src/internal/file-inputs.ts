import { InvalidArgumentError } from "../core/errors";
import type { FileEncodingStrategy } from "../core/options";
import type { ClientContext } from "../core/resource";
import { throwIfAborted } from "./abort";
import { base64FromBytes } from "./base64";
import { isFileInput, type ResolvedFile, readAll, resolveFile } from "./file-source";
import { defaultFilename, isAcceptableFilename, uploadResolvedFile } from "./file-upload";
import { DEFAULT_CONTENT_TYPE } from "./mime";
import { isPlainObject } from "./plain-object";
import { oneOf } from "./validate";

/**
 * The most bytes of files, all of an input's files together, that the `data-uri` strategy
 * inlines (the official clients' limit). Beyond it, upload the files instead: the API advises
 * data URIs only for small files (about 256 KB).
 */
export const MAX_DATA_URI_BYTES = 10_000_000;

/** How many files of one input are uploaded at the same time. */
const UPLOAD_CONCURRENCY = 3;

const STRATEGIES: readonly FileEncodingStrategy[] = ["upload", "data-uri"];

/** Checks a `fileEncodingStrategy`, the client's or a call's. */
export function requireFileEncodingStrategy(value: unknown): FileEncodingStrategy {
  return oneOf(value, STRATEGIES, "fileEncodingStrategy");
}

/**
 * Replaces every file value in `input` (at any depth of plain objects and arrays) by a URL: the
 * uploaded file's, or a `data:` URI. Only the input is read; an input without files is returned
 * as it is, and plain strings are never read as paths or URLs.
 */
export async function prepareFileInputs<Input>(
  context: Pick<ClientContext, "http" | "fileEncodingStrategy">,
  input: Input,
  strategy: FileEncodingStrategy | undefined,
  signal: AbortSignal | undefined,
): Promise<Input> {
  throwIfAborted(signal);
  const chosen = requireFileEncodingStrategy(strategy ?? context.fileEncodingStrategy);
  const files: ResolvedFile[] = [];
  const template = collectFiles(input, files, new Set());
  if (files.length === 0) return input;

  let urls: string[];
  if (chosen === "data-uri") {
    urls = await dataUris(files);
  } else {
    urls = await uploadAll(context, files, signal);
  }
  return fillTemplate(template, urls) as Input;
}

/** A placeholder for the n-th file found, in the copy of the input being built. */
class FileSlot {
  constructor(readonly index: number) {}
}

/**
 * Copies the containers of `value` that hold files, putting a {@link FileSlot} where each file
 * was; containers without files are kept as they are.
 */
function collectFiles(value: unknown, files: ResolvedFile[], path: Set<object>): unknown {
  if (isFileInput(value)) {
    files.push(resolveFile(value)!);
    return new FileSlot(files.length - 1);
  }
  if (typeof value !== "object" || value === null) return value;
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return value;
  if (path.has(value)) {
    throw new InvalidArgumentError("input contains a circular reference: it must be plain JSON.");
  }
  path.add(value);
  const before = files.length;
  const copy: Record<string, unknown> | unknown[] = isArray
    ? value.map((item) => collectFiles(item, files, path))
    : Object.fromEntries(
        Object.entries(value).map(([key, item]) => [key, collectFiles(item, files, path)]),
      );
  path.delete(value);
  return files.length === before ? value : copy;
}

function fillTemplate(template: unknown, urls: string[]): unknown {
  if (template instanceof FileSlot) return urls[template.index];
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, urls));
  if (isPlainObject(template)) {
    return Object.fromEntries(
      Object.entries(template).map(([key, item]) => [key, fillTemplate(item, urls)]),
    );
  }
  return template;
}

/** Encodes the files as data URIs, refusing once all of them together pass the limit. */
async function dataUris(files: ResolvedFile[]): Promise<string[]> {
  let total = 0;
  const tooLarge = (bytes: number) =>
    new InvalidArgumentError(
      `The files in this input are ${bytes > MAX_DATA_URI_BYTES ? "over" : "at"} ${MAX_DATA_URI_BYTES} bytes in all, more than fileEncodingStrategy "data-uri" inlines: use "upload" (the default) or pass URLs.`,
    );
  const known = files.reduce((sum, file) => sum + (file.size ?? 0), 0);
  if (known > MAX_DATA_URI_BYTES) throw tooLarge(known);
  const uris: string[] = [];
  for (const file of files) {
    const bytes = await readAll(file.open(), MAX_DATA_URI_BYTES - total, (read) =>
      tooLarge(total + read),
    );
    total += bytes.byteLength;
    uris.push(`data:${file.type ?? DEFAULT_CONTENT_TYPE};base64,${base64FromBytes(bytes)}`);
  }
  return uris;
}

/**
 * Uploads the files, a few at a time; the first failure stops the uploads still running and
 * rejects.
 */
async function uploadAll(
  context: Pick<ClientContext, "http">,
  files: ResolvedFile[],
  signal: AbortSignal | undefined,
): Promise<string[]> {
  throwIfAborted(signal);
  const controller = new AbortController();
  const stop = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", stop, { once: true });
  const urls = new Array<string>(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length && !controller.signal.aborted) {
      const index = next++;
      const file = files[index]!;
      const contentType = file.type ?? DEFAULT_CONTENT_TYPE;
      const uploaded = await uploadResolvedFile(
        context.http,
        file,
        { filename: inputFilename(file.name, contentType), contentType, metadata: "{}" },
        { signal: controller.signal },
      );
      urls[index] = uploaded.urls.get;
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(UPLOAD_CONCURRENCY, files.length) }, () =>
        worker().catch((error: unknown) => {
          controller.abort(error);
          throw error;
        }),
      ),
    );
  } finally {
    signal?.removeEventListener("abort", stop);
  }
  return urls;
}

/** A file's own name when the API accepts it, else a generic one: an input is never refused for its name. */
function inputFilename(name: string | undefined, contentType: string): string {
  return name !== undefined && isAcceptableFilename(name) ? name : defaultFilename(contentType);
}
