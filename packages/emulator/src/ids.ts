import { createHash, randomBytes } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/**
 * A random identifier in the style of Replicate's prediction and file ids: 26 characters of
 * lowercase base32, e.g. `gm3qorzdhgbfurvjtvhg6dckhu`.
 */
export function randomId(): string {
  const bytes = randomBytes(26);
  let id = "";
  for (const byte of bytes) id += BASE32[byte & 31];
  return id;
}

/** A 64-character hex id derived from `seed`, the shape of a Replicate version id. */
export function deterministicVersionId(seed: string): string {
  return createHash("sha256").update(`replicate-ts-emulator:${seed}`).digest("hex");
}

/** A random 64-character hex id, for versions created at run time (trainings). */
export function randomVersionId(): string {
  return randomBytes(32).toString("hex");
}

/** A random URL-safe token that is hard to guess, for capability URLs. */
export function capabilityToken(): string {
  return randomBytes(24).toString("base64url");
}

/** Stable 32-bit hash of a string (FNV-1a), for deterministic model behaviour. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A small deterministic pseudo-random generator (mulberry32), seeded from a number. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
