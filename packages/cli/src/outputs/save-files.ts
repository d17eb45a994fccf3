import { mkdir, open, rm } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { DownloadDisplay } from "../display/download-display";
import type { DownloadableFile } from "./output-files";

/** How {@link saveFiles} downloads. */
export interface SaveFilesOptions {
  /** The folder to save into; created if missing. */
  directory: string;
  display: DownloadDisplay;
  signal?: AbortSignal | undefined;
}

/**
 * Downloads each file into the folder, streaming to disk with progress. An existing file is
 * never overwritten: `out.png` becomes `out-1.png`. Resolves to the saved path of each file's URL.
 */
export async function saveFiles(
  files: readonly DownloadableFile[],
  options: SaveFilesOptions,
): Promise<Map<string, string>> {
  await mkdir(options.directory, { recursive: true });
  const saved = new Map<string, string>();
  try {
    for (const [index, file] of files.entries()) {
      const response = await file.response({ signal: options.signal });
      const name = fileNameFor(file.url, index);
      saved.set(file.url, await saveResponse(response, options.directory, name, options.display));
    }
  } finally {
    options.display.stop();
  }
  return saved;
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
