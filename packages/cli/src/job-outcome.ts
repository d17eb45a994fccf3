import { type CommandContext, printJson, printLine } from "./command-kit";
import { showsProgress } from "./display/create-displays";
import type { Outcome, RunDisplay } from "./display/job-view";
import { readableLogLines } from "./display/log-follower";
import { JobUnsuccessfulError } from "./exit-codes";

/** A prediction or training that reached a terminal status, as {@link reportOutcome} needs it. */
export interface FinishedJob {
  status: string;
  /** Its one-line summary (see `summaryLine`). */
  summary: string;
  logs: string | null | undefined;
  /** What `--json` prints: the job as the API sent it. */
  json: unknown;
}

/** How {@link reportOutcome} shows a job's result. */
export interface OutcomeHandling {
  /** The job's display, ended with the summary line. */
  display: RunDisplay;
  /** For a job that succeeded: saves its files and resolves to their paths by URL. */
  saveFiles?: (() => Promise<ReadonlyMap<string, string>>) | undefined;
  /** For a job that succeeded, without `--json`: what stdout shows, given the saved files. */
  describe(saved: ReadonlyMap<string, string>): string;
}

/** How many log lines a failure shows when no display showed them as they came. */
const FAILURE_LOG_LINES = 10;

/**
 * Reports a job that reached a terminal status, the same way for every command that follows one
 * (`run`, `predictions watch`, `trainings watch`): ends the display with the summary line. A job
 * that did not succeed is explained on stderr when no display did (the summary and its last log
 * lines), printed as JSON under `--json`, and thrown as {@link JobUnsuccessfulError} (exit 1).
 * A job that succeeded has its files saved, then its JSON or its result printed; under `--json`
 * each saved file's path goes to stderr as `saved <path>`, since it is a result, not progress.
 */
export async function reportOutcome(
  context: CommandContext,
  job: FinishedJob,
  handling: OutcomeHandling,
): Promise<void> {
  const { io, globals, err } = context;
  const outcome = outcomeOf(job.status);
  handling.display.finish(outcome, job.summary);
  if (outcome !== "succeeded") {
    if (!showsProgress(io)) {
      io.stderr.write(`${err.red("Error:")} ${job.summary}\n`);
      const tail = readableLogLines(job.logs).slice(-FAILURE_LOG_LINES);
      if (tail.length > 0) io.stderr.write(`${err.dim("Last log lines:")}\n${tail.join("\n")}\n`);
    }
    if (globals.json) printJson(io, job.json);
    throw new JobUnsuccessfulError(job.summary);
  }
  const saved = (await handling.saveFiles?.()) ?? new Map<string, string>();
  if (globals.json) {
    printJson(io, job.json);
    for (const path of saved.values()) io.stderr.write(`${err.dim("saved")} ${path}\n`);
    return;
  }
  const text = handling.describe(saved);
  if (text !== "") printLine(io, text);
}

/** The outcome a terminal status stands for. */
export function outcomeOf(status: string): Outcome {
  if (status === "succeeded") return "succeeded";
  if (status === "failed") return "failed";
  return "canceled";
}
