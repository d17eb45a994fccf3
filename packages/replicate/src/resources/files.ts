import { InvalidArgumentError } from "../core/errors";
import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { type FileCreateParams, uploadFile } from "../internal/file-upload";
import { path, requireSegment } from "../internal/path";
import { isHttpUrl } from "../internal/url";
import { requireParams } from "../internal/validate";
import { type FileWire, ReplicateFile } from "../wrappers/file";

/** Identifies a file: `{ fileId }`. */
export interface FileReference {
  /** The file's id, as `files.create()` and `files.list()` give it. */
  fileId: string;
}

/**
 * The parts of a signed download URL, for `files.download()`: the API serves a file's content
 * only through a signed URL.
 */
export interface FileDownloadParams extends FileReference {
  /** The user or organization that uploaded the file. */
  owner: string;
  /** When the signed URL expires, as a Unix timestamp in seconds. */
  expiry: number | string;
  /** The signed URL's base64 HMAC signature. */
  signature: string;
}

/** A signed download URL, for `files.download()`. */
export interface FileDownloadUrl {
  /** `.../files/{id}/download?owner=...&expiry=...&signature=...` */
  url: string;
}

/** Files: upload, list, get, delete and download. */
export class Files extends Resource {
  /**
   * Uploads a file. The body is streamed: memory does not grow with the file's size.
   * @example
   * import { fileFromPath } from "replicate-ts/node";
   * const file = await replicate.files.create({ file: fileFromPath("./photo.png") });
   * console.log(file.urls.get); // use it as a model input
   */
  async create(params: FileCreateParams, options?: RequestOptions): Promise<ReplicateFile> {
    return uploadFile(this.http, params, options);
  }

  /** Lists your files, newest first; iterate it to walk every page. */
  list(options?: RequestOptions): PagePromise<ReplicateFile> {
    return this.paginate("/files", undefined, (wire: FileWire) => new ReplicateFile(wire), options);
  }

  /** Gets a file's details. */
  async get(params: FileReference, options?: RequestOptions): Promise<ReplicateFile> {
    const wire = await this.http.json<FileWire>({
      method: "GET",
      path: path`/files/${fileId(params, "files.get()")}`,
      options,
    });
    return new ReplicateFile(wire);
  }

  /** Deletes a file. Resolves with nothing; a file that does not exist rejects with `NotFoundError`. */
  async delete(params: FileReference, options?: RequestOptions): Promise<void> {
    await this.http.json<undefined>({
      method: "DELETE",
      path: path`/files/${fileId(params, "files.delete()")}`,
      allowEmptyBody: true,
      options,
    });
  }

  /**
   * Downloads a file's content as a `Response` whose body has not been read: stream it, or call
   * `blob()`/`arrayBuffer()` on it. The API serves content only through signed URLs: pass the
   * file's id with the signature's `owner`, `expiry` and `signature`, the signed `url`, or a
   * `ReplicateFile` whose `urls.download` the API gave.
   * @example
   * const response = await replicate.files.download({ fileId, owner, expiry, signature });
   * await pipeline(Readable.fromWeb(response.body!), createWriteStream("./copy.zip"));
   */
  async download(
    params: FileDownloadParams | FileDownloadUrl | ReplicateFile,
    options?: RequestOptions,
  ): Promise<Response> {
    return this.http.response({
      method: "GET",
      ...downloadTarget(params),
      headers: { Accept: "*/*" },
      options,
    });
  }
}

const DOWNLOAD_SHAPE =
  "{ fileId, owner, expiry, signature } (the signed URL's parts), { url } (a signed URL) or a ReplicateFile";

function downloadTarget(params: FileDownloadParams | FileDownloadUrl | ReplicateFile): {
  path: string;
  query?: Record<string, string>;
} {
  if (params instanceof ReplicateFile) {
    if (!params.urls.download) {
      throw new InvalidArgumentError(
        `File ${params.id} came without a signed download URL: call files.download() with ${DOWNLOAD_SHAPE}.`,
      );
    }
    return { path: params.urls.download };
  }
  if (typeof params !== "object" || params === null) {
    throw new InvalidArgumentError(`files.download() takes ${DOWNLOAD_SHAPE}.`);
  }
  if ("url" in params && params.url !== undefined) {
    if (!isHttpUrl(params.url)) {
      throw new InvalidArgumentError(
        `url must be a signed http(s) download URL (got ${JSON.stringify(params.url)}).`,
      );
    }
    return { path: params.url };
  }
  const { fileId, owner, expiry, signature } = params as FileDownloadParams;
  const id = requireSegment(fileId, "fileId");
  const missing = Object.entries({ owner, expiry, signature })
    .filter(([, value]) => value === undefined || value === "")
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new InvalidArgumentError(
      `files.download() needs ${missing.join(", ")}: the API serves files only through signed URLs, so pass ${DOWNLOAD_SHAPE}.`,
    );
  }
  return {
    path: path`/files/${id}/download`,
    query: { owner: String(owner), expiry: String(expiry), signature: String(signature) },
  };
}

function fileId(params: FileReference, call: string): string {
  return requireSegment(requireParams(params, call, "{ fileId }").fileId, "fileId");
}
