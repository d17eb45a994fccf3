/** How far a model says it is, read from a tqdm-style progress line in its logs. */
export interface Progress {
  /** 0 to 100. */
  percentage: number;
  /** Steps done. */
  current: number;
  /** Steps in all. */
  total: number;
}

// Matches tqdm's default format: " 45%|████▌     | 45/100 [00:01<00:01, 30.0it/s]".
const TQDM_LINE = /(\d{1,3})%\s*\|[^|\n]*\|\s*(\d+)\/(\d+)/g;

/** The latest tqdm-style progress in `logs`, or `undefined` if the logs carry none. */
export function parseProgress(logs: string | undefined | null): Progress | undefined {
  if (!logs) return undefined;
  let latest: RegExpExecArray | undefined;
  for (const match of logs.matchAll(TQDM_LINE)) latest = match;
  if (!latest) return undefined;
  return {
    percentage: Number(latest[1]),
    current: Number(latest[2]),
    total: Number(latest[3]),
  };
}
