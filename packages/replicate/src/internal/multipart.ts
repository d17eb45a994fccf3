import type { ResolvedFile } from "./file-source";

/** A `multipart/form-data` body whose file part is streamed, never held in memory whole. */
export interface MultipartBody {
  /** The `Content-Type` header, boundary included. */
  contentType: string;
  /** The body's length in bytes, when the file's size is known. */
  length: number | undefined;
  /** Opens the body as a stream. */
  open(): ReadableStream<Uint8Array>;
}

/** One part of the form: a text field, or the file. */
export type MultipartPart =
  | { name: string; value: string; contentType?: string | undefined }
  | { name: string; file: ResolvedFile; filename: string; contentType: string };

const encoder = new TextEncoder();

/**
 * Builds a multipart body from `parts`. Text parts are encoded up front (they are small); the
 * file part is read from its stream as the body is read, so memory stays flat for any size.
 */
export function multipartBody(parts: MultipartPart[]): MultipartBody {
  const boundary = `----replicate-ts-${randomHex(12)}`;
  // Segments in order: bytes to send as they are, or the file to stream in their place.
  const segments: (Uint8Array | ResolvedFile)[] = [];
  let pending = "";
  for (const part of parts) {
    pending += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(part.name)}"`;
    if ("file" in part) {
      pending += `; filename="${escapeQuoted(part.filename)}"\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      segments.push(encoder.encode(pending), part.file);
      pending = "\r\n";
    } else {
      if (part.contentType) pending += `\r\nContent-Type: ${part.contentType}`;
      pending += `\r\n\r\n${part.value}\r\n`;
    }
  }
  segments.push(encoder.encode(`${pending}--${boundary}--\r\n`));

  let length: number | undefined = 0;
  for (const segment of segments) {
    const size = segment instanceof Uint8Array ? segment.byteLength : segment.size;
    length = length === undefined || size === undefined ? undefined : length + size;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    open: () => concatenate(segments),
  };
}

/** A stream of the segments one after the other, pulling from a file only when asked. */
function concatenate(segments: (Uint8Array | ResolvedFile)[]): ReadableStream<Uint8Array> {
  let index = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (reader) {
            const { done, value } = await reader.read();
            if (!done) {
              if (value.byteLength === 0) continue;
              controller.enqueue(value);
              return;
            }
            reader.releaseLock();
            reader = undefined;
            continue;
          }
          const segment = segments[index++];
          if (segment === undefined) {
            controller.close();
            return;
          }
          if (segment instanceof Uint8Array) {
            controller.enqueue(segment);
            return;
          }
          reader = segment.open().getReader();
        }
      },
      async cancel(reason) {
        await reader?.cancel(reason);
      },
    },
    // Pull only when the transport asks: nothing is read ahead of the socket.
    { highWaterMark: 0 },
  );
}

/** Escapes a name for a quoted header parameter the way browsers encode form data. */
function escapeQuoted(value: string): string {
  return value.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  let hex = "";
  for (const value of values) hex += value.toString(16).padStart(2, "0");
  return hex;
}
