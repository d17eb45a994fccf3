/** One part of a multipart/form-data body, as a server received it. */
export interface ReceivedPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/** Parses a multipart/form-data body (whole, in memory: for the small bodies of tests). */
export function parseMultipart(body: Buffer, contentType: string | undefined): ReceivedPart[] {
  const boundary = /boundary=([^;]+)/.exec(contentType ?? "")?.[1];
  if (!boundary) throw new Error(`not a multipart content type: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: ReceivedPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break;
    const headerEnd = body.indexOf("\r\n\r\n", afterDelimiter);
    const next = body.indexOf(delimiter, headerEnd);
    const headers = body.subarray(afterDelimiter + 2, headerEnd).toString("utf8");
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    parts.push({
      name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? "",
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1],
      // The part's data ends with the CRLF that precedes the next delimiter.
      data: body.subarray(headerEnd + 4, next - 2),
    });
    start = next;
  }
  return parts;
}
