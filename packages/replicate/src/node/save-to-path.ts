import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SaveOptions } from "../internal/platform";

/**
 * Streams `stream` into a file at `path`, calling `onProgress` as bytes are written; resolves
 * with the number of bytes written. A failed or aborted save removes the partial file.
 */
export async function saveStreamToPath(
  stream: ReadableStream<Uint8Array>,
  path: string,
  { onProgress, totalBytes, signal }: SaveOptions,
): Promise<number> {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      onProgress?.({ bytes, totalBytes });
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(stream as import("node:stream/web").ReadableStream),
      counter,
      createWriteStream(path),
      ...(signal ? [{ signal }] : []),
    );
  } catch (error) {
    await rm(path, { force: true }).catch(() => {});
    throw error;
  }
  return bytes;
}
