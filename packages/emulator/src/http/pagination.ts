import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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

function invalidCursor(): ApiProblem {
  return new ApiProblem(
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
 * Cuts pages out of lists, with cursors only this emulator can make: each is signed with an HMAC
 * under a per-emulator secret and bound to the list's path, so a cursor from another emulator,
 * another list, or one written by hand is a 400, as the API answers.
 */
export class Paginator {
  readonly #pageSize: number;
  readonly #secret: Buffer;

  /** @param pageSize items per page */
  constructor(pageSize: number, secret: Buffer = randomBytes(32)) {
    this.#pageSize = pageSize;
    this.#secret = secret;
  }

  #signature(path: string, payload: string): Buffer {
    return createHmac("sha256", this.#secret).update(`${path}\n${payload}`).digest();
  }

  #encode(path: string, cursor: Cursor): string {
    const payload = Buffer.from(JSON.stringify(cursor)).toString("base64url");
    return `${payload}.${this.#signature(path, payload).toString("base64url")}`;
  }

  #decode(path: string, text: string, keyLength: number | undefined): Cursor {
    const [payload = "", signature = "", ...rest] = text.split(".");
    const given = Buffer.from(signature, "base64url");
    const expected = this.#signature(path, payload);
    if (rest.length > 0 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw invalidCursor();
    }
    let parsed: Partial<Cursor>;
    try {
      parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Cursor>;
    } catch {
      throw invalidCursor();
    }
    const { d, k } = parsed;
    if (
      (d !== "n" && d !== "p") ||
      !Array.isArray(k) ||
      k.length === 0 ||
      (keyLength !== undefined && k.length !== keyLength) ||
      !k.every((n) => typeof n === "number" && Number.isFinite(n))
    ) {
      throw invalidCursor();
    }
    return { d, k };
  }

  /**
   * Cuts one page out of `items`, which must already be in the order the API lists them, with
   * `keyOf` giving each item a unique key that increases along that order. Cursors name a key
   * rather than an offset, so pages stay stable while items are added or deleted.
   *
   * @param requestUrl the URL of the request; page URLs keep its origin and other parameters
   */
  page<T>(items: readonly T[], keyOf: (item: T) => number[], requestUrl: string): PageBody<T> {
    const url = new URL(requestUrl);
    const path = url.pathname;
    const cursorText = url.searchParams.get("cursor");
    const pageSize = this.#pageSize;
    let start = 0;
    let end = Math.min(items.length, pageSize);
    if (cursorText !== null) {
      const sample = items[0];
      const keyLength = sample === undefined ? undefined : keyOf(sample).length;
      const cursor = this.#decode(path, cursorText, keyLength);
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
      next.searchParams.set("cursor", this.#encode(path, cursor));
      return next.toString();
    };
    return {
      next: last !== undefined && end < items.length ? pageUrl({ d: "n", k: keyOf(last) }) : null,
      previous: first !== undefined && start > 0 ? pageUrl({ d: "p", k: keyOf(first) }) : null,
      results,
    };
  }
}
