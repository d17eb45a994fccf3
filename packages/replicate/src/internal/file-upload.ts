import { InvalidArgumentError } from "../core/errors";
import type { HttpClient, RequestBody } from "../core/http";
import type { RequestOptions } from "../core/options";
import { type FileWire, ReplicateFile } from "../wrappers/file";
import { type FileInput, type ResolvedFile, readAll, resolveFile } from "./file-source";
import { DEFAULT_CONTENT_TYPE, extensionFromContentType } from "./mime";
import { type MultipartBody, multipartBody } from "./multipart";

/** Parameters of `files.create()`. */
export interface FileCreateParams {
  /** The content: a `Blob`/`File`, bytes, a web `ReadableStream`, or `fileFromPath(path)` (Node). */
  file: FileInput;
  /** The name to store, at most 255 bytes of UTF-8. @default the `File`'s or path's name, else `file` */
  filename?: string | undefined;
  /** The content type. @default the `Blob`'s type, a guess from the name, else `application/octet-stream` */
  contentType?: string | undefined;
  /** Your own JSON metadata, stored with the file. @default {} */
  metadata?: Record<string, unknown> | undefined;
}

/** The API refuses longer file names. */
const MAX_FILENAME_BYTES = 255;

/**
 * Uploads a file with a streamed multipart body. The body is re-opened for each attempt when
 * the source can be read again (a `Blob`, bytes, a path); a bare stream is sent once, unretried.
 */
export async function uploadFile(
  http: HttpClient,
  params: FileCreateParams,
  options: RequestOptions | undefined,
): Promise<ReplicateFile> {
  if (typeof params !== "object" || params === null) {
    throw new InvalidArgumentError(
      "files.create() takes { file, filename?, contentType?, metadata? }.",
    );
  }
  const file = resolveFile(params.file);
  if (!file) {
    throw new InvalidArgumentError(
      "file must be a Blob or File, a Uint8Array or ArrayBuffer, a ReadableStream, or fileFromPath(path) from replicate-ts/node.",
    );
  }
  const contentType = params.contentType ?? file.type ?? DEFAULT_CONTENT_TYPE;
  if (typeof contentType !== "string" || !/^[\w.+-]+\/[\w.+-]+(;.*)?$/.test(contentType)) {
    throw new InvalidArgumentError(
      `contentType must be a MIME type such as "image/png" (got ${JSON.stringify(contentType)}).`,
    );
  }
  const filename = params.filename ?? file.name ?? defaultFilename(contentType);
  checkFilename(filename);
  return uploadResolvedFile(
    http,
    file,
    { filename, contentType, metadata: metadataJson(params.metadata) },
    options,
  );
}

/** Uploads a file value already resolved and checked; `metadata` is JSON text. */
export async function uploadResolvedFile(
  http: HttpClient,
  file: ResolvedFile,
  fields: { filename: string; contentType: string; metadata: string },
  options: RequestOptions | undefined,
): Promise<ReplicateFile> {
  const { filename, contentType, metadata } = fields;
  const body = multipartBody([
    { name: "filename", value: filename },
    { name: "type", value: contentType },
    { name: "metadata", value: metadata, contentType: "application/json" },
    { name: "content", file, filename, contentType },
  ]);
  const wire = await http.json<FileWire>({
    method: "POST",
    path: "/files",
    rawBody: await requestBodyFor(body, file.reopenable),
    contentType: body.contentType,
    headers: body.length === undefined ? undefined : { "Content-Length": String(body.length) },
    options,
  });
  return new ReplicateFile(wire);
}

/** The name an upload gets when none was given: `file`, with an extension if the type has one. */
export function defaultFilename(contentType: string | undefined): string {
  const extension = extensionFromContentType(contentType);
  return extension ? `file.${extension}` : "file";
}

function checkFilename(filename: unknown): asserts filename is string {
  if (typeof filename !== "string" || filename.trim() === "") {
    throw new InvalidArgumentError('filename must be a non-empty string, e.g. "photo.png".');
  }
  if (!isWellFormed(filename)) {
    throw new InvalidArgumentError(
      "filename must be valid UTF-8 text: it contains an unpaired surrogate.",
    );
  }
  const bytes = new TextEncoder().encode(filename).byteLength;
  if (bytes > MAX_FILENAME_BYTES) {
    throw new InvalidArgumentError(
      `filename is ${bytes} bytes of UTF-8; the API accepts at most ${MAX_FILENAME_BYTES}: pass a shorter filename.`,
    );
  }
}

/** Whether the API accepts `filename`: non-blank, valid UTF-8, at most 255 bytes. */
export function isAcceptableFilename(filename: string): boolean {
  return (
    filename.trim() !== "" &&
    isWellFormed(filename) &&
    new TextEncoder().encode(filename).byteLength <= MAX_FILENAME_BYTES
  );
}

function isWellFormed(text: string): boolean {
  const check = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return check
    ? check.call(text)
    : !/[\uD800-\uDFFF]/.test(text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
}

function metadataJson(metadata: unknown): string {
  if (metadata === undefined) return "{}";
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) {
    throw new InvalidArgumentError(
      'metadata must be a JSON object, e.g. { metadata: { customer: "acme" } }.',
    );
  }
  try {
    return JSON.stringify(metadata);
  } catch (cause) {
    throw new InvalidArgumentError(
      `metadata must be serializable as JSON: ${(cause as Error).message}.`,
    );
  }
}

let streamingRequestBodies: boolean | undefined;

/**
 * Whether this runtime's `fetch` can send a stream as a request body. Node, Deno, Bun and
 * Workers can; Firefox and Safari cannot. The check is the one the Streams spec authors suggest.
 */
function supportsStreamingRequestBodies(): boolean {
  if (streamingRequestBodies === undefined) {
    try {
      let duplexRead = false;
      const hasContentType = new Request("http://localhost/", {
        body: new ReadableStream(),
        method: "POST",
        get duplex() {
          duplexRead = true;
          return "half";
        },
      } as RequestInit).headers.has("Content-Type");
      streamingRequestBodies = duplexRead && !hasContentType;
    } catch {
      streamingRequestBodies = false;
    }
  }
  return streamingRequestBodies;
}

/**
 * The body the core sends: a function opening a fresh stream per attempt, the one stream of a
 * source that cannot be re-read, or, where fetch cannot stream a request, a `Blob` of it.
 */
async function requestBodyFor(
  body: MultipartBody,
  reopenable: boolean,
): Promise<RequestBody | (() => RequestBody)> {
  if (!supportsStreamingRequestBodies()) {
    const bytes = await readAll(body.open(), Number.POSITIVE_INFINITY, () => new Error());
    return new Blob([bytes as Uint8Array<ArrayBuffer>]);
  }
  return reopenable ? () => body.open() : body.open();
}
