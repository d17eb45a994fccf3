import { statSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { basename } from "node:path";
import { InvalidArgumentError } from "../core/errors";
import { type FileSource, markFileSource } from "../internal/file-source";
import { contentTypeFromName } from "../internal/mime";

/** Options of {@link fileFromPath}. */
export interface FileFromPathOptions {
  /** The name to upload it under. @default the path's last segment */
  name?: string | undefined;
  /** Its content type. @default a guess from the extension, else `application/octet-stream` */
  type?: string | undefined;
}

/** Bytes read from disk at a time: large reads keep a fast disk from being the bottleneck. */
const READ_CHUNK_BYTES = 1 << 20;

/**
 * A file on disk, to upload or to put in a model's input. Nothing is read until it is sent, and
 * then it is streamed: memory does not grow with the file's size. The file must exist and be a
 * regular file now; it is re-read from disk for each upload attempt.
 * @example
 * import { fileFromPath } from "replicate-ts/node";
 * await replicate.run("owner/model", { input: { image: fileFromPath("./photo.png") } });
 */
export function fileFromPath(path: string, options: FileFromPathOptions = {}): FileSource {
  if (typeof path !== "string" || path === "") {
    throw new InvalidArgumentError('fileFromPath() needs the path of a file, e.g. "./photo.png".');
  }
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) {
      throw new InvalidArgumentError(`fileFromPath(): ${path} is not a regular file.`);
    }
    size = stats.size;
  } catch (error) {
    if (error instanceof InvalidArgumentError) throw error;
    const code = (error as { code?: string }).code;
    throw new InvalidArgumentError(
      code === "ENOENT"
        ? `fileFromPath(): there is no file at ${path}; check the path (relative paths start at ${process.cwd()}).`
        : `fileFromPath(): cannot read ${path} (${code ?? (error as Error).message}).`,
    );
  }
  const name = options.name ?? basename(path);
  return markFileSource({
    name,
    type: options.type ?? contentTypeFromName(name) ?? "",
    size,
    stream: () => readFileStream(path),
  });
}

/**
 * A stream of a file's bytes that reads only when pulled, so that a slow upload holds no more
 * than a chunk or two in memory. (Node 20's `Readable.toWeb()` of a file stream counts its high
 * water mark in chunks, not bytes, and would read far ahead of a slow socket.)
 */
function readFileStream(path: string): ReadableStream<Uint8Array> {
  let handle: FileHandle | undefined;
  const closeFile = async () => {
    const opened = handle;
    handle = undefined;
    await opened?.close();
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          handle ??= await open(path, "r");
          const buffer = new Uint8Array(READ_CHUNK_BYTES);
          const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, null);
          if (bytesRead === 0) {
            await closeFile();
            controller.close();
            return;
          }
          controller.enqueue(
            bytesRead === buffer.byteLength ? buffer : buffer.subarray(0, bytesRead),
          );
        } catch (error) {
          await closeFile().catch(() => {});
          throw error;
        }
      },
      cancel: closeFile,
    },
    { highWaterMark: 0 },
  );
}
