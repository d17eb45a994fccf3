/** Formats emulated epoch milliseconds the way the API does (ISO 8601 with microseconds, UTC). */
export function isoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}
