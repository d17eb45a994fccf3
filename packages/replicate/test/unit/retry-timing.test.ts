import { describe, expect, it } from "vitest";
import {
  connectionNeverMade,
  DEFAULT_BACKOFF,
  isRetryableStatus,
  parseRetryAfter,
  retryDelay,
} from "../../src/core/retry";

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(" 0.5 ")).toBe(500);
  });
  it("reads an HTTP date relative to now", () => {
    const now = Date.parse("Wed, 21 Oct 2026 07:28:00 GMT");
    expect(parseRetryAfter("Wed, 21 Oct 2026 07:28:05 GMT", now)).toBe(5000);
  });
  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).toBe(0);
  });
  it("ignores an absent or unreadable header", () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("retryDelay", () => {
  it("uses Retry-After when the server gave one", () => {
    expect(retryDelay(3, 1234)).toBe(1234);
  });
  it("grows exponentially, with jitter between half and all of the step", () => {
    const low = () => 0;
    const high = () => 0.999999;
    expect(retryDelay(1, undefined, DEFAULT_BACKOFF, low)).toBe(250);
    expect(retryDelay(1, undefined, DEFAULT_BACKOFF, high)).toBeCloseTo(500, 0);
    expect(retryDelay(3, undefined, DEFAULT_BACKOFF, low)).toBe(1000);
  });
  it("never exceeds the cap", () => {
    expect(retryDelay(30, undefined, DEFAULT_BACKOFF, () => 0.999999)).toBeLessThanOrEqual(
      DEFAULT_BACKOFF.maxDelayMs,
    );
  });
});

describe("which failures are retried", () => {
  it("retries only 429 for requests that are not idempotent", () => {
    expect([408, 429, 500, 502, 503, 504].filter((s) => isRetryableStatus(s, false))).toEqual([
      429,
    ]);
    expect([408, 429, 500, 502, 503, 504].every((s) => isRetryableStatus(s, true))).toBe(true);
    expect(isRetryableStatus(501, true)).toBe(false);
  });
  it("recognises a refused connection in the cause chain", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    });
    const reset = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNRESET" }),
    });
    expect(connectionNeverMade(refused)).toBe(true);
    expect(connectionNeverMade(reset)).toBe(false);
  });
});
