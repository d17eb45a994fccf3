/** The content type used when nothing better is known. */
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/** Content types of the file extensions models commonly take or give. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  bmp: "image/bmp",
  tif: "image/tiff",
  tiff: "image/tiff",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  flac: "audio/flac",
  m4a: "audio/mp4",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  txt: "text/plain",
  csv: "text/csv",
  json: "application/json",
  jsonl: "application/jsonl",
  pdf: "application/pdf",
  zip: "application/zip",
  tar: "application/x-tar",
  gz: "application/gzip",
  safetensors: "application/octet-stream",
};

/** Guesses a content type from a file name's extension; `undefined` when it does not know it. */
export function contentTypeFromName(name: string | undefined): string | undefined {
  const extension = name?.split(".").pop()?.toLowerCase();
  return extension && extension !== name?.toLowerCase() ? TYPE_BY_EXTENSION[extension] : undefined;
}

/** The usual extension of a content type (`image/png` -> `png`), for naming uploaded inputs. */
export function extensionFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const bare = contentType.split(";")[0]!.trim().toLowerCase();
  for (const [extension, type] of Object.entries(TYPE_BY_EXTENSION)) {
    if (type === bare && type !== DEFAULT_CONTENT_TYPE) return extension;
  }
  return undefined;
}
