import { describe, expect, test } from "vitest";
import { multipartBoundary, parseMultipart } from "../src/files/multipart";

function streamOf(bytes: Uint8Array, chunkSize: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkSize));
      offset += chunkSize;
    },
  });
}

async function parse(body: Uint8Array, boundary: string, chunkSize: number) {
  const parts: {
    name: string;
    filename: string | undefined;
    type: string | undefined;
    data: Buffer;
  }[] = [];
  await parseMultipart(streamOf(body, chunkSize), boundary, (info) => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => {
        chunks.push(Buffer.from(chunk));
      },
      end: () => {
        parts.push({
          name: info.name,
          filename: info.filename,
          type: info.contentType,
          data: Buffer.concat(chunks),
        });
      },
    };
  });
  return parts;
}

describe("the streaming multipart parser", () => {
  const boundary = "----b0und";
  const tricky = Buffer.from("line one\r\n--not the boundary\r\n------b0un\r\nend");
  const body = Buffer.concat([
    Buffer.from(
      `preamble\r\n--${boundary}\r\nContent-Disposition: form-data; name="content"; filename="a \\"q\\".bin"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    tricky,
    Buffer.from(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"a":1}\r\n--${boundary}--\r\nepilogue`,
    ),
  ]);

  for (const chunkSize of [1, 3, 7, 64, 100_000]) {
    test(`finds every part whatever the chunking (${chunkSize}-byte chunks)`, async () => {
      const parts = await parse(body, boundary, chunkSize);
      expect(parts.map((p) => p.name)).toEqual(["content", "metadata"]);
      expect(parts[0]?.filename).toBe('a "q".bin');
      expect(parts[0]?.type).toBe("image/png");
      expect(parts[0]?.data.equals(tricky)).toBe(true);
      expect(parts[1]?.data.toString()).toBe('{"a":1}');
    });
  }

  test("a body that ends before the closing boundary is rejected as malformed", async () => {
    const truncated = body.subarray(0, body.length - 30);
    await expect(parse(truncated, boundary, 16)).rejects.toThrow(/malformed/);
  });

  test("reads the boundary from a content type, quoted or not", () => {
    expect(multipartBoundary("multipart/form-data; boundary=abc")).toBe("abc");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("application/json")).toBeUndefined();
  });
});
