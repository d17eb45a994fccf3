import { ApiProblem } from "../problem";

/** The headers of one part of a multipart/form-data body. */
export interface PartInfo {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
}

/** Where a part's bytes go, chunk by chunk. */
export interface PartSink {
  write(chunk: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const MAX_HEADER_BYTES = 16 * 1024;
const MAX_PARTS = 32;

function malformed(reason: string): ApiProblem {
  return new ApiProblem(400, `The multipart/form-data body is malformed: ${reason}.`);
}

/** The boundary of a `multipart/form-data` content type, or `undefined`. */
export function multipartBoundary(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseDisposition(value: string): { name?: string; filename?: string } {
  const result: { name?: string; filename?: string } = {};
  for (const match of value.matchAll(/;\s*([\w*-]+)=(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const key = (match[1] ?? "").toLowerCase();
    const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "").trim();
    if (key === "name") result.name = raw;
    if (key === "filename") result.filename = raw;
  }
  return result;
}

function parseHeaders(block: Buffer): PartInfo {
  let disposition: { name?: string; filename?: string } = {};
  let contentType: string | undefined;
  for (const line of block.toString("utf8").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = parseDisposition(value);
    if (name === "content-type") contentType = value;
  }
  if (disposition.name === undefined) throw malformed("a part has no Content-Disposition name");
  return { name: disposition.name, filename: disposition.filename, contentType };
}

/**
 * Parses a multipart/form-data body as it streams in, handing each part's bytes to the sink that
 * `onPart` returns. Memory stays bounded by the size of a network chunk plus the boundary: a part
 * is never held whole, so a 1 GB upload goes straight to disk.
 */
export async function parseMultipart(
  body: ReadableStream<Uint8Array>,
  boundary: string,
  onPart: (part: PartInfo) => PartSink | Promise<PartSink>,
): Promise<void> {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let state: "preamble" | "after-delimiter" | "headers" | "body" | "done" = "preamble";
  let pending: Buffer = Buffer.alloc(0);
  let sink: PartSink | undefined;
  let parts = 0;
  const reader = body.getReader();

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pending = pending.length === 0 ? Buffer.from(value) : Buffer.concat([pending, value]);

      // Process as much of `pending` as the current state can.
      for (let progressed = true; progressed && state !== "done"; ) {
        progressed = false;
        if (state === "preamble") {
          const index = pending.indexOf(opening);
          if (index === -1) {
            pending = pending.subarray(Math.max(0, pending.length - opening.length));
          } else {
            pending = pending.subarray(index + opening.length);
            state = "after-delimiter";
            progressed = true;
          }
        } else if (state === "after-delimiter") {
          if (pending.length < 2) continue;
          if (pending[0] === 0x2d && pending[1] === 0x2d) {
            state = "done";
          } else if (pending.subarray(0, 2).equals(CRLF)) {
            pending = pending.subarray(2);
            state = "headers";
            progressed = true;
          } else {
            throw malformed("a boundary is followed by neither CRLF nor --");
          }
        } else if (state === "headers") {
          const index = pending.indexOf(HEADER_END);
          if (index === -1) {
            if (pending.length > MAX_HEADER_BYTES) throw malformed("a part's headers are too long");
            continue;
          }
          if (++parts > MAX_PARTS) throw malformed(`more than ${MAX_PARTS} parts`);
          sink = await onPart(parseHeaders(pending.subarray(0, index)));
          pending = pending.subarray(index + HEADER_END.length);
          state = "body";
          progressed = true;
        } else if (state === "body" && sink) {
          const index = pending.indexOf(delimiter);
          if (index === -1) {
            // Keep a tail that could be the start of the delimiter; pass the rest on.
            const safe = pending.length - (delimiter.length - 1);
            if (safe > 0) {
              await sink.write(pending.subarray(0, safe));
              pending = pending.subarray(safe);
            }
          } else {
            if (index > 0) await sink.write(pending.subarray(0, index));
            await sink.end();
            sink = undefined;
            pending = pending.subarray(index + delimiter.length);
            state = "after-delimiter";
            progressed = true;
          }
        }
        // Copy a small remainder so the previous chunk's memory can be released.
        if (pending.length < 4096) pending = Buffer.from(pending);
      }
      if (state === "done") break;
    }
  } finally {
    reader.releaseLock();
  }
  if (state !== "done") throw malformed("the body ended before the closing boundary");
}
