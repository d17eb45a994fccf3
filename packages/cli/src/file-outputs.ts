import { mkdir, open, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { DownloadDisplay } from "./display/download-display";

/** Whether a model output value is a file: an http(s) URL or a data URI, and nothing else. */
export function isFileUrl(value: unknown): value is string {
  return typeof value === "string" && /^(https?:\/\/\S+|data:[^,\s]*,\S*)$/i.test(value);
}

/** Every file URL in a model's output (a string, a list, or an object of them), in order, once each. */
export function findFileUrls(output: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown) => {
    if (isFileUrl(value)) found.add(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(visit);
  };
  visit(output);
  return [...found];
}

/** Replaces each file URL in `output` by what `replacement` maps it to (its saved path). */
export function replaceFileUrls(
  output: unknown,
  replacement: ReadonlyMap<string, string>,
): unknown {
  if (typeof output === "string") return replacement.get(output) ?? output;
  if (Array.isArray(output)) return output.map((item) => replaceFileUrls(item, replacement));
  if (typeof output === "object" && output !== null) {
    return Object.fromEntries(
      Object.entries(output).map(([key, value]) => [key, replaceFileUrls(value, replacement)]),
    );
  }
  return output;
}

/** How {@link saveFiles} downloads. */
export interface SaveFilesOptions {
  /** The folder to save into; created if missing. */
  directory: string;
  display: DownloadDisplay;
  /** Extra headers for a URL (the API token, for files served by the API itself), or none. */
  headersFor?: ((url: string) => Record<string, string> | undefined) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Downloads each URL into the folder, streaming to disk with progress. An existing file is never
 * overwritten: `out.png` becomes `out-1.png`. Resolves to the saved path of each URL.
 */
export async function saveFiles(
  urls: readonly string[],
  options: SaveFilesOptions,
): Promise<Map<string, string>> {
  await mkdir(options.directory, { recursive: true });
  const saved = new Map<string, string>();
  try {
    for (const [index, url] of urls.entries()) {
      saved.set(url, await saveFile(url, fileNameFor(url, index), options));
    }
  } finally {
    options.display.stop();
  }
  return saved;
}

async function saveFile(url: string, name: string, options: SaveFilesOptions): Promise<string> {
  const headers = options.headersFor?.(url);
  const response = await fetch(url, {
    ...(headers ? { headers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`Could not download ${describeUrl(url)}: HTTP ${response.status}.`);
  }
  return saveResponse(response, options.directory, name, options.display);
}

/**
 * Streams a response's body into a new file in `directory` (never overwriting one: see
 * {@link saveFiles}), showing its progress. Resolves to the file's path.
 */
export async function saveResponse(
  response: Response,
  directory: string,
  name: string,
  display: DownloadDisplay,
): Promise<string> {
  const { path, handle } = await createExclusive(directory, name);
  const progress = display.track(basename(path));
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  let received = 0;
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        await handle.write(next.value);
        received += next.value.byteLength;
        progress.update(received, total);
      }
    }
    progress.done();
  } catch (error) {
    await handle.close();
    await rm(path, { force: true });
    throw error;
  }
  await handle.close();
  return path;
}

/** Opens a new file, adding `-1`, `-2`... to the name while one of that name exists. */
async function createExclusive(directory: string, name: string) {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  for (let attempt = 0; ; attempt += 1) {
    const path = join(directory, attempt === 0 ? name : `${stem}-${attempt}${extension}`);
    try {
      return { path, handle: await open(path, "wx") };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

const EXTENSION_BY_TYPE: Record<string, string> = {
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/webp": ".webp",
  "image/gif": ".gif",
  "audio/wav": ".wav",
  "audio/mpeg": ".mp3",
  "video/mp4": ".mp4",
  "text/plain": ".txt",
  "application/json": ".json",
};

/** A safe file name for a URL: the last path segment, or `output-N.ext` for a data URI. */
export function fileNameFor(url: string, index: number): string {
  if (url.toLowerCase().startsWith("data:")) {
    const type = /^data:([^;,]*)/i.exec(url)?.[1]?.toLowerCase() ?? "";
    return `output-${index}${EXTENSION_BY_TYPE[type] ?? ""}`;
  }
  let segment = "";
  try {
    segment = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    segment = "";
  }
  // Keep the name to one harmless path segment, whatever the server put in its URL.
  const safe = segment.replace(/[^\w.-]+/g, "_").replace(/^\.+/, "");
  return safe === "" ? `output-${index}` : safe;
}

function describeUrl(url: string): string {
  return url.startsWith("data:") ? "a data URI" : url;
}
