import { contentTypeFromName } from "./mime";

const FILE_SOURCE_MARK = Symbol.for("replicate-ts.file-source");

/**
 * A file the SDK reads only when it sends it, such as what `fileFromPath()` returns. Implement
 * it (with {@link markFileSource}) to upload from anywhere without loading the file in memory.
 */
export interface FileSource {
  /** The file's name, e.g. `photo.png`. */
  readonly name: string;
  /** Its content type; empty when unknown. */
  readonly type: string;
  /** Its size in bytes, when known. */
  readonly size: number | undefined;
  /** A fresh stream of the file's bytes; called once per upload attempt. */
  stream(): ReadableStream<Uint8Array>;
}

/** What can be uploaded, or given as a file in a model's input. */
export type FileInput =
  | Blob
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream<Uint8Array>
  | FileSource;

/** Marks `source` as a {@link FileSource}, so that it is recognized in inputs; returns it. */
export function markFileSource<Source extends FileSource>(source: Source): Source {
  Object.defineProperty(source, FILE_SOURCE_MARK, { value: true });
  return source;
}

/** Whether `value` was marked with {@link markFileSource}. */
export function isFileSource(value: unknown): value is FileSource {
  return typeof value === "object" && value !== null && FILE_SOURCE_MARK in value;
}

/** Whether `value` is one of the file values the SDK uploads. Plain strings never are. */
export function isFileInput(value: unknown): value is FileInput {
  if (typeof value !== "object" || value === null) return false;
  return (
    (typeof Blob !== "undefined" && value instanceof Blob) ||
    value instanceof ArrayBuffer ||
    ArrayBuffer.isView(value) ||
    (typeof ReadableStream !== "undefined" && value instanceof ReadableStream) ||
    isFileSource(value)
  );
}

/** A file value seen the same way whatever it was given as. */
export interface ResolvedFile {
  /** The name it came with (a `File`'s or a path's), if any. */
  name: string | undefined;
  /** Its content type, if known. */
  type: string | undefined;
  /** Its size in bytes, if known before reading it. */
  size: number | undefined;
  /** Opens a stream of its bytes. */
  open(): ReadableStream<Uint8Array>;
  /** Whether {@link open} may be called again (false for a stream given as it is). */
  reopenable: boolean;
}

/** Describes a file value; `undefined` when `value` is not one. */
export function resolveFile(value: unknown): ResolvedFile | undefined {
  if (isFileSource(value)) {
    return {
      name: value.name,
      type: value.type || contentTypeFromName(value.name),
      size: value.size,
      open: () => value.stream(),
      reopenable: true,
    };
  }
  if (typeof Blob !== "undefined" && value instanceof Blob) {
    const name = typeof File !== "undefined" && value instanceof File ? value.name : undefined;
    return {
      name,
      type: value.type || contentTypeFromName(name),
      size: value.size,
      open: () => value.stream(),
      reopenable: true,
    };
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return {
      name: undefined,
      type: undefined,
      size: bytes.byteLength,
      open: () => streamOfBytes(bytes),
      reopenable: true,
    };
  }
  if (typeof ReadableStream !== "undefined" && value instanceof ReadableStream) {
    let opened = false;
    return {
      name: undefined,
      type: undefined,
      size: undefined,
      open: () => {
        if (opened) throw new Error("A ReadableStream can be read only once.");
        opened = true;
        return value as ReadableStream<Uint8Array>;
      },
      reopenable: false,
    };
  }
  return undefined;
}

/** Bytes larger than this are handed out in slices, so that a consumer never holds two copies. */
const SLICE_BYTES = 1 << 20;

function streamOfBytes(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) {
        controller.close();
        return;
      }
      const end = Math.min(offset + SLICE_BYTES, bytes.byteLength);
      controller.enqueue(bytes.subarray(offset, end));
      offset = end;
    },
  });
}

/** Reads a whole stream, refusing (with `onTooLarge`'s error) once it passes `limit` bytes. */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
  limit: number,
  onTooLarge: (bytesSoFar: number) => Error,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) throw onTooLarge(total);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw error;
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0]!;
  const whole = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}
