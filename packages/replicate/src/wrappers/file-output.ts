import { ApiError, FileExpiredError, ReplicateError } from "../core/errors";
import type { HttpClient } from "../core/http";
import { abortErrorFrom } from "../internal/abort";
import { bytesFromBase64 } from "../internal/base64";
import { isPlainObject } from "../internal/plain-object";
import { platform, type SaveProgress } from "../internal/platform";
import { isHttpUrl } from "../internal/url";

/** Options of {@link FileOutput.saveTo}. */
export interface SaveToOptions {
  /** Called as bytes are written, with the total when the server gave it. */
  onProgress?: ((progress: SaveProgress) => void) | undefined;
  /** Stops the download; the partial file is removed. */
  signal?: AbortSignal | undefined;
}

/** Options of the reading methods of {@link FileOutput}. */
export interface ReadOptions {
  /** Stops the download; the read rejects with `AbortError`. */
  signal?: AbortSignal | undefined;
}

const DATA_URI = /^data:([^,]*?)(;base64)?,(.*)$/is;

/**
 * Whether a model output string is a file to wrap: an absolute `http(s)` URL with no whitespace,
 * or a `data:` URI. Everything else (text, tokens, relative paths) stays a string.
 */
export function isFileUrl(value: string): boolean {
  return isHttpUrl(value) || /^data:[^,]*,/i.test(value);
}

/**
 * A file a model produced, downloaded only when you ask. `String(file)` and `JSON.stringify`
 * give its URL, so passing it on as another model's input just works.
 *
 * The API's own origin gets the token; a file host (such as `replicate.delivery`) never does.
 * Replicate deletes the outputs of API predictions after an hour: a 404 or 410 then rejects
 * with {@link FileExpiredError}.
 * @example
 * const [image] = await replicate.run<FileOutput[]>("black-forest-labs/flux-schnell", { input });
 * await image.saveTo("./lighthouse.webp"); // Node
 * const blob = await image.blob(); // anywhere
 */
export class FileOutput {
  /** Where the file is: an `http(s)` URL or a `data:` URI. */
  readonly url: string;
  readonly #http: HttpClient;

  /** @internal File outputs are made by `run()`. */
  constructor(url: string, http: HttpClient) {
    this.url = url;
    this.#http = http;
  }

  /** The last segment of the URL's path, e.g. `out-0.png`; `undefined` for a data URI. */
  get filename(): string | undefined {
    if (this.url.startsWith("data:")) return undefined;
    const last = new URL(this.url).pathname.split("/").pop();
    return last ? decodeURIComponent(last) : undefined;
  }

  /**
   * Starts the download and returns the `Response`, its body unread. Rejects with
   * {@link FileExpiredError} on 404 or 410.
   */
  async response(options: ReadOptions = {}): Promise<Response> {
    if (this.url.startsWith("data:")) {
      const { bytes, type } = decodeDataUri(this.url);
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        headers: { "Content-Type": type, "Content-Length": String(bytes.byteLength) },
      });
    }
    try {
      return await this.#http.response({
        method: "GET",
        path: this.url,
        headers: { Accept: "*/*" },
        options: { signal: options.signal },
      });
    } catch (error) {
      if (error instanceof ApiError && (error.statusCode === 404 || error.statusCode === 410)) {
        throw new FileExpiredError(this.url, error.statusCode, { cause: error });
      }
      throw error;
    }
  }

  /** Downloads the whole file as a `Blob`. */
  async blob(options?: ReadOptions): Promise<Blob> {
    return (await this.response(options)).blob();
  }

  /** Downloads the whole file as bytes. */
  async arrayBuffer(options?: ReadOptions): Promise<ArrayBuffer> {
    return (await this.response(options)).arrayBuffer();
  }

  /** Downloads the whole file as text (UTF-8). */
  async text(options?: ReadOptions): Promise<string> {
    return (await this.response(options)).text();
  }

  /**
   * The file's bytes as a stream. The download starts when the stream is first read; an expired
   * file errors the stream with {@link FileExpiredError}.
   */
  stream(options: ReadOptions = {}): ReadableStream<Uint8Array> {
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          if (!reader) {
            const body = (await this.response(options)).body;
            if (!body) {
              controller.close();
              return;
            }
            reader = body.getReader();
          }
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader?.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * Streams the file to `path` on disk (Node, Bun, Deno), reporting progress; resolves with the
   * number of bytes written. A failed or aborted download leaves no partial file behind.
   * @example
   * await output.saveTo("./out.png", { onProgress: ({ bytes, totalBytes }) => console.log(bytes, totalBytes) });
   */
  async saveTo(path: string, options: SaveToOptions = {}): Promise<number> {
    const save = platform.saveToPath;
    if (!save) {
      throw new ReplicateError(
        "saveTo() writes to the file system, which this runtime does not have through replicate-ts: use blob() or stream() instead (in Node, Bun or Deno, import from replicate-ts/node).",
      );
    }
    const response = await this.response(options);
    const length = response.headers.get("content-length");
    try {
      return await save(response.body ?? new ReadableStream({ start: (c) => c.close() }), path, {
        onProgress: options.onProgress,
        totalBytes: length !== null && /^\d+$/.test(length) ? Number(length) : undefined,
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) throw abortErrorFrom(options.signal);
      throw error;
    }
  }

  /** Reads the file chunk by chunk: `for await (const chunk of output)`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Uint8Array, void, undefined> {
    const reader = this.stream().getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      await reader.cancel().catch(() => {});
    }
  }

  /** The URL. */
  toString(): string {
    return this.url;
  }

  /** The URL, so that `JSON.stringify(output)` gives it (and inputs built from outputs work). */
  toJSON(): string {
    return this.url;
  }
}

/**
 * Replaces file URLs in a model's output (at any depth of arrays and plain objects) with
 * {@link FileOutput}s; other values are returned as they are.
 */
export function withFileOutputs(output: unknown, http: HttpClient): unknown {
  if (typeof output === "string") return isFileUrl(output) ? new FileOutput(output, http) : output;
  if (Array.isArray(output)) return output.map((item) => withFileOutputs(item, http));
  if (isPlainObject(output)) {
    return Object.fromEntries(
      Object.entries(output).map(([key, value]) => [key, withFileOutputs(value, http)]),
    );
  }
  return output;
}

function decodeDataUri(uri: string): { bytes: Uint8Array; type: string } {
  const match = DATA_URI.exec(uri);
  if (!match) throw new ReplicateError("This data: URI is malformed: it has no comma.");
  const [, type = "", base64, payload = ""] = match;
  const bytes = base64
    ? bytesFromBase64(payload)
    : new TextEncoder().encode(decodeURIComponent(payload));
  return { bytes, type: type || "text/plain;charset=US-ASCII" };
}
