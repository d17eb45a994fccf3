import { ApiProblem, invalidField } from "../problem";

/** JSON bodies larger than this are refused with 413 before they are read whole. */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

/**
 * JSON nested deeper than this is refused with 422. Real inputs nest a few levels; thousands of
 * levels would overflow the stack of whatever walks the value next (cloning, validating, writing).
 */
export const MAX_JSON_DEPTH = 64;

/** The path (`input.deep.0...`) of the first value nested deeper than `maxDepth`, if any. */
function tooDeep(value: unknown, maxDepth: number): (string | number)[] | undefined {
  // Walked with an explicit stack, so the check itself cannot overflow.
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { value: current, path } = entry;
    if (current === null || typeof current !== "object") continue;
    if (path.length >= maxDepth) return path;
    const children = Array.isArray(current)
      ? current.map((item, index) => [index, item] as const)
      : Object.entries(current);
    for (const [key, child] of children) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

/** Reads a body as text, refusing it with 413 once it grows past `limit` bytes. */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return "";

  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function tooLarge(limit: number): ApiProblem {
  const megabytes = Math.round(limit / (1024 * 1024));
  return new ApiProblem(413, `Request bodies must be less than ${megabytes}MB in size.`);
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function isJsonMediaType(type: string): boolean {
  return type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

/**
 * Reads a JSON body. A missing `Content-Type` is accepted (curl users forget it); any other
 * non-JSON type is a 415. An empty body reads as `undefined`.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = mediaType(request);
  if (type !== "" && !isJsonMediaType(type)) {
    throw new ApiProblem(
      415,
      `This endpoint takes a JSON body, but the request's Content-Type is ${type}; send Content-Type: application/json.`,
    );
  }
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  if (text.trim() === "") return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiProblem(400, `The request body is not valid JSON: ${reason}.`);
  }
  const deepPath = tooDeep(body, MAX_JSON_DEPTH);
  if (deepPath) {
    // Named by its first two levels (`input.deep`): the field the client chose to nest.
    const field = deepPath.slice(0, 2).join(".");
    throw invalidField(field, `Nested more than ${MAX_JSON_DEPTH} levels deep`, {
      type: "max_depth",
      title: "Invalid request body",
    });
  }
  return body;
}

/**
 * Reads a plain-text body (`QUERY /models`). Clients that JSON-encode every body send the query
 * as a JSON string; that is unwrapped, as the API does.
 */
export async function readTextBody(request: Request): Promise<string> {
  const text = await readBodyText(request, MAX_JSON_BODY_BYTES);
  const trimmed = text.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === "string") return parsed;
    } catch {
      // Not JSON after all: use the text as it is.
    }
  }
  return text;
}
