import { ApiProblem } from "../problem";

/** A page as the API sends it: absolute `next` / `previous` URLs, or null at either end. */
export interface PageBody<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

/** Where a cursor points: past (`n`) or before (`p`) the item with this sort key. */
interface Cursor {
  d: "n" | "p";
  k: number[];
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(text: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<Cursor>;
    if (
      (parsed.d === "n" || parsed.d === "p") &&
      Array.isArray(parsed.k) &&
      parsed.k.length > 0 &&
      parsed.k.every((n) => typeof n === "number" && Number.isFinite(n))
    ) {
      return { d: parsed.d, k: parsed.k };
    }
  } catch {
    // Fall through to the error below.
  }
  throw new ApiProblem(
    400,
    "The cursor query parameter is not one this API gave out. Follow a page's `next` or `previous` URL as it is.",
    { title: "Invalid cursor" },
  );
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * Cuts one page out of `items`, which must already be in the order the API lists them, with
 * `keyOf` giving each item a unique key that increases along that order. Cursors name a key rather
 * than an offset, so pages stay stable while items are added or deleted.
 *
 * @param requestUrl the URL of the request; page URLs keep its origin and other parameters
 */
export function paginate<T>(
  items: readonly T[],
  keyOf: (item: T) => number[],
  requestUrl: string,
  pageSize: number,
): PageBody<T> {
  const url = new URL(requestUrl);
  const cursorText = url.searchParams.get("cursor");
  let start = 0;
  let end = Math.min(items.length, pageSize);
  if (cursorText !== null) {
    const cursor = decodeCursor(cursorText);
    if (cursor.d === "n") {
      start = items.findIndex((item) => compareKeys(keyOf(item), cursor.k) > 0);
      if (start === -1) start = items.length;
      end = Math.min(items.length, start + pageSize);
    } else {
      end = items.findIndex((item) => compareKeys(keyOf(item), cursor.k) >= 0);
      if (end === -1) end = items.length;
      start = Math.max(0, end - pageSize);
    }
  }
  const results = items.slice(start, end);
  const first = results[0];
  const last = results[results.length - 1];
  const pageUrl = (cursor: Cursor) => {
    const next = new URL(url);
    next.searchParams.set("cursor", encodeCursor(cursor));
    return next.toString();
  };
  return {
    next: last !== undefined && end < items.length ? pageUrl({ d: "n", k: keyOf(last) }) : null,
    previous: first !== undefined && start > 0 ? pageUrl({ d: "p", k: keyOf(first) }) : null,
    results,
  };
}
