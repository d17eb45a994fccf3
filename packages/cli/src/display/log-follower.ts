import type { Progress } from "replicate-ts";

/** A tqdm progress line, e.g. ` 45%|████▌     | 45/100 [00:01<00:01, 30.0it/s]`. */
const TQDM_LINE = /(\d{1,3})%\s*\|[^|\n]*\|\s*(\d+)\/(\d+)/;

/** Whether a log line is a tqdm progress line (shown as a bar rather than as text). */
export function isProgressLine(line: string): boolean {
  return TQDM_LINE.test(line);
}

/**
 * The latest tqdm progress in some logs. Predictions have the SDK's `prediction.progress`;
 * trainings have no such getter, so their display reads it here.
 */
export function progressIn(logs: string | null | undefined): Progress | undefined {
  const lines = (logs ?? "").split(/[\r\n]+/);
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = TQDM_LINE.exec(lines[index]!);
    if (match) {
      return { percentage: Number(match[1]), current: Number(match[2]), total: Number(match[3]) };
    }
  }
  return undefined;
}

/**
 * Follows a prediction's logs across snapshots and hands out each new complete line once.
 * Logs only grow, so what is new is what follows the previous snapshot's logs; should they ever
 * be rewritten, everything is treated as new rather than lost. tqdm redraws a line with `\r`:
 * only the last state of such a line is kept, and progress lines are left out (the display
 * draws them as a bar).
 */
export class LogFollower {
  #previous = "";
  #partial = "";

  /** The new complete lines in `logs` (a snapshot's whole log text). */
  push(logs: string | null | undefined): string[] {
    const current = logs ?? "";
    let added: string;
    if (current.startsWith(this.#previous)) {
      added = current.slice(this.#previous.length);
    } else {
      added = current;
      this.#partial = "";
    }
    this.#previous = current;
    const text = this.#partial + added;
    const end = text.lastIndexOf("\n");
    if (end === -1) {
      this.#partial = text;
      return [];
    }
    this.#partial = text.slice(end + 1);
    return text.slice(0, end).split("\n").map(lastRedraw).filter(shown);
  }

  /** The last line, if it never got its newline: call once the prediction has ended. */
  flush(): string[] {
    const rest = lastRedraw(this.#partial);
    this.#partial = "";
    return shown(rest) ? [rest] : [];
  }
}

/**
 * The lines of some logs a person would read: each line as a terminal shows it after `\r`
 * redraws, without blank lines and tqdm progress lines (raw bars say nothing in a CI log).
 */
export function readableLogLines(logs: string | null | undefined): string[] {
  return (logs ?? "").split("\n").map(lastRedraw).filter(shown);
}

/** What a terminal would show of a line redrawn with carriage returns. */
function lastRedraw(line: string): string {
  const withoutCarriageReturn = line.endsWith("\r") ? line.slice(0, -1) : line;
  const parts = withoutCarriageReturn.split("\r");
  return parts[parts.length - 1] ?? "";
}

function shown(line: string): boolean {
  return line.trim() !== "" && !isProgressLine(line);
}
