import type { Prediction } from "replicate-ts";
import type { CommandContext } from "./command-kit";
import { createDownloadDisplay } from "./display/create-displays";
import type { RunDisplay } from "./display/job-view";
import { reportOutcome } from "./job-outcome";
import { summaryLine } from "./job-summary";
import { formatModelOutput } from "./model-output";
import { type DownloadableFile, replaceFileUrls } from "./outputs/output-files";
import { saveFiles } from "./outputs/save-files";

/** How a finished prediction is reported. */
export interface PredictionReport {
  display: RunDisplay;
  /** What ran, for the summary line (e.g. `replicate/hello-world`). */
  title: string;
  /** How long it ran, in milliseconds, if known. */
  took: number | undefined;
  /** Its file outputs: `run()`'s `FileOutput`s, or `outputFilesOf(prediction)`. */
  files: readonly DownloadableFile[];
  /** Folder for file outputs; `undefined` leaves them as URLs. */
  outputDirectory: string | undefined;
  /** Stops the downloads. */
  signal?: AbortSignal | undefined;
  /** The output text was streamed to stdout already: print only its files (paths, or URLs). */
  streamed?: boolean | undefined;
}

/**
 * Reports a finished prediction (see `reportOutcome`): on success its file outputs are saved
 * into the output folder, and its output is printed with the saved paths in place of the URLs.
 */
export function reportPrediction(
  context: CommandContext,
  prediction: Prediction,
  report: PredictionReport,
): Promise<void> {
  const directory = report.outputDirectory;
  const job = {
    status: prediction.status,
    summary: summaryLine({
      title: report.title,
      status: prediction.status,
      took: report.took,
      modelTime: prediction.metrics.predictTime,
      reference: `prediction ${prediction.id}`,
      error: prediction.error,
    }),
    logs: prediction.logs,
    json: prediction,
  };
  return reportOutcome(context, job, {
    display: report.display,
    saveFiles:
      directory === undefined || report.files.length === 0
        ? undefined
        : () =>
            saveFiles(report.files, {
              directory,
              display: createDownloadDisplay(context.io),
              signal: report.signal,
            }),
    describe: (saved) => {
      if (report.streamed)
        return report.files.map((file) => saved.get(file.url) ?? file.url).join("\n");
      const output = replaceFileUrls(prediction.output, saved);
      return formatModelOutput(output, new Set(saved.values()));
    },
  });
}
