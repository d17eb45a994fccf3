import { InvalidArgumentError } from "../core/errors";
import type { RequestOptions } from "../core/options";
import type { PagePromise } from "../core/page";
import { Resource } from "../core/resource";
import { type FileCreateParams, uploadFile } from "../internal/file-upload";
import { path, requireSegment } from "../internal/path";
import { type FileWire, ReplicateFile } from "../wrappers/file";

/** Identifies a file: `{ fileId }`. */
export interface FileReference {
  fileId: string;
}

/**
 * Parameters of `files.download()`: the file, and the signed-URL parameters of the API's
 * download endpoint when you have them (a `ReplicateFile` with a download URL carries its own).
 */
export interface FileDownloadParams extends FileReference {
  /** The user or organization that uploaded the file. */
  owner?: string | undefined;
  /** When the signed URL expires, as a Unix timestamp. */
  expiry?: number | undefined;
  /** The base64 HMAC signature of the signed URL. */
  signature?: string | undefined;
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
  async get({ fileId }: FileReference, options?: RequestOptions): Promise<ReplicateFile> {
    const wire = await this.http.json<FileWire>({
      method: "GET",
      path: path`/files/${requireSegment(fileId, "fileId")}`,
      options,
    });
    return new ReplicateFile(wire);
  }

  /** Deletes a file. Resolves with nothing; a file that does not exist rejects with `NotFoundError`. */
  async delete({ fileId }: FileReference, options?: RequestOptions): Promise<void> {
    await this.http.json<undefined>({
      method: "DELETE",
      path: path`/files/${requireSegment(fileId, "fileId")}`,
      options,
    });
  }

  /**
   * Downloads a file's content as a `Response` whose body has not been read: stream it, or call
   * `blob()`/`arrayBuffer()` on it. Pass a `ReplicateFile` to use its signed download URL.
   * @example
   * const response = await replicate.files.download({ fileId });
   * for await (const chunk of response.body!) process(chunk);
   */
  async download(
    params: FileDownloadParams | ReplicateFile,
    options?: RequestOptions,
  ): Promise<Response> {
    const headers = { Accept: "*/*" };
    if (params instanceof ReplicateFile) {
      return this.http.response({
        method: "GET",
        path: params.urls.download ?? path`/files/${requireSegment(params.id, "id")}/download`,
        headers,
        options,
      });
    }
    if (typeof params !== "object" || params === null) {
      throw new InvalidArgumentError("files.download() takes { fileId } or a ReplicateFile.");
    }
    const { fileId, owner, expiry, signature } = params;
    return this.http.response({
      method: "GET",
      path: path`/files/${requireSegment(fileId, "fileId")}/download`,
      query: { owner, expiry, signature },
      headers,
      options,
    });
  }
}
