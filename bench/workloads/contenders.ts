import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/paths";
import type { Contender, Row } from "../support/types";

const officialVersion = (
  JSON.parse(readFileSync(join(ROOT, "node_modules", "replicate", "package.json"), "utf8")) as {
    version: string;
  }
).version;

export const FETCH: Contender = { key: "fetch", client: "fetch", label: "bare fetch" };
export const REPLICATE_TS: Contender = {
  key: "replicate-ts",
  client: "replicate-ts",
  label: "replicate-ts",
};
export const OFFICIAL: Contender = {
  key: "replicate",
  client: "replicate",
  label: `replicate ${officialVersion}`,
};
/** The three clients, the floor first. */
export const CLIENTS = [FETCH, REPLICATE_TS, OFFICIAL];

/** The figure `metric` of the row `contender`. */
export function figure(rows: Row[], contender: string, metric: string): number {
  const value = rows.find((row) => row.contender === contender)?.figures[metric]?.value;
  return value ?? Number.NaN;
}

/** `value` divided by bare fetch's. */
export function ratio(rows: Row[], contender: string, metric: string): number {
  return figure(rows, contender, metric) / figure(rows, FETCH.key, metric);
}

/** A number for a sentence: `1.07x`, `12.3 ms`. */
export function times(value: number): string {
  return `${value.toFixed(2)}x`;
}
