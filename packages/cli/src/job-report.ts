import type { Prediction } from "replicate-ts";
import type { CommandContext } from "./command-kit";
import { createDownloadDisplay, showsProgress } from "./display/create-displays";
import type { Outcome, RunDisplay } from "./display/job-view";
import { JobUnsuccessfulError } from "./exit-codes";
import { findFileUrls, replaceFileUrls, saveFiles } from "./file-outputs";
import { formatDuration } from "./format";
import { formatModelOutput } from "./model-output";

/** What to do with a finished prediction's output. */
export interface ReportOptions {
  /** What ran, for the summary line (e.g. `replicate/hello-world`). */
  title: string;
  /** Milliseconds since the command started the job. */
  elapsed: number;
  /** Folder for file outputs; `undefined` leaves them as URLs. */
  outputDirectory: string | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Reports a prediction that reached a terminal status: ends the display with a summary line,
 * saves file outputs, prints the output (or, with `--json`, the prediction), and throws
 * {@link JobUnsuccessfulError} unless it succeeded.
 */
export async function reportPrediction(
  prediction: Prediction,
  display: RunDisplay,
  context: CommandContext,
  options: ReportOptions,
): Promise<void> {
  const { io, globals, err } = context;
  const outcome = outcomeOf(prediction.status);
  display.finish(outcome, summaryOf(prediction, options));
  if (outcome !== "succeeded") {
    if (!showsProgress(io)) {
      io.stderr.write(`${err.red("Error:")} ${summaryOf(prediction, options)}\n`);
      const tail = lastLines(prediction.logs, 10);
      if (tail) io.stderr.write(`${err.dim("Last log lines:")}\n${tail}\n`);
    }
    if (globals.json) io.stdout.write(`${JSON.stringify(prediction, null, 2)}\n`);
    throw new JobUnsuccessfulError(summaryOf(prediction, options));
  }
  const urls = options.outputDirectory === undefined ? [] : findFileUrls(prediction.output);
  const saved =
    urls.length === 0
      ? new Map<string, string>()
      : await saveFiles(urls, {
          directory: options.outputDirectory!,
          display: createDownloadDisplay(io),
          headersFor: authorizationFor(context),
          signal: options.signal,
        });
  if (globals.json) {
    io.stdout.write(`${JSON.stringify(prediction, null, 2)}\n`);
    if (saved.size > 0 && showsProgress(io)) {
      for (const path of saved.values()) io.stderr.write(`${err.dim("saved")} ${path}\n`);
    }
    return;
  }
  const text = formatModelOutput(
    replaceFileUrls(prediction.output, saved),
    new Set(saved.values()),
  );
  if (text !== "") io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** The outcome a terminal status stands for. */
export function outcomeOf(status: string): Outcome {
  if (status === "succeeded") return "succeeded";
  if (status === "failed") return "failed";
  return "canceled";
}

/** One line: what ran, how it ended, how long it took, and the prediction's id. */
export function summaryOf(prediction: Prediction, options: ReportOptions): string {
  const took = formatDuration(options.elapsed);
  const predictTime =
    prediction.metrics.predictTime === undefined
      ? ""
      : `, model time ${formatDuration(prediction.metrics.predictTime * 1000)}`;
  const base = `${options.title} ${prediction.status} in ${took}${predictTime} (prediction ${prediction.id})`;
  return prediction.error ? `${base}: ${prediction.error}` : base;
}

/**
 * The token goes with a download only when the file is served by the API itself (the Files API);
 * file hosts such as replicate.delivery never see it.
 */
function authorizationFor(
  context: CommandContext,
): (url: string) => Record<string, string> | undefined {
  const apiOrigin = new URL(context.replicate.baseUrl).origin;
  const token = context.token;
  return (url) => {
    if (token === undefined || url.startsWith("data:")) return undefined;
    return new URL(url).origin === apiOrigin ? { Authorization: `Bearer ${token}` } : undefined;
  };
}

function lastLines(logs: string | undefined, count: number): string {
  if (!logs) return "";
  return logs.trimEnd().split("\n").slice(-count).join("\n");
}
