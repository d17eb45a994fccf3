/**
 * URLs of the emulator's own resources (model output files) are stored with this prefix instead of
 * an origin, and resolved against the origin of whoever reads them. A test that reaches the
 * emulator as `http://127.0.0.1:8787` and one that calls its `fetch` as `http://emulator.test` both
 * get URLs they can fetch.
 */
const LOCAL_PREFIX = "emulator-origin:";

/** A stored URL for a path on the emulator, e.g. `localUrl("/delivery/abc/out-0.png")`. */
export function localUrl(path: string): string {
  return `${LOCAL_PREFIX}${path}`;
}

/** Replaces every stored local URL inside `value` (deeply) with one on `origin`. */
export function resolveLocalUrls(value: unknown, origin: string): unknown {
  if (typeof value === "string") {
    return value.startsWith(LOCAL_PREFIX) ? `${origin}${value.slice(LOCAL_PREFIX.length)}` : value;
  }
  if (Array.isArray(value)) return value.map((item) => resolveLocalUrls(item, origin));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolveLocalUrls(item, origin)]),
    );
  }
  return value;
}

/** The public web page of a model or prediction, as `urls.web` gives it. */
export const WEB_ORIGIN = "https://replicate.com";
