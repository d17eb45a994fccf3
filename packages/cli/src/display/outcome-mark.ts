import type { Styles } from "../terminal";
import type { Outcome } from "./job-view";

const SYMBOLS: Record<Outcome, string> = { succeeded: "✔", failed: "✖", canceled: "■" };

/** The coloured symbol that starts a summary line: ✔ succeeded, ✖ failed, ■ canceled. */
export function outcomeMark(outcome: Outcome, styles: Styles): string {
  const colour =
    outcome === "succeeded" ? styles.green : outcome === "failed" ? styles.red : styles.yellow;
  return colour(SYMBOLS[outcome]);
}
