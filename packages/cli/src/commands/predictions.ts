import { resolve } from "node:path";
import type { Command } from "commander";
import type { Prediction } from "replicate-ts";
import {
  type CommandContext,
  examples,
  idArgument,
  type ListingOptions,
  parseDateTime,
  printItems,
  printResult,
  takeItems,
  withClient,
  withListingOptions,
} from "../command-kit";
import { createRunDisplay } from "../display/create-displays";
import { formatDate, formatDuration, formatRecord } from "../format";
import type { CliIo } from "../io";
import { runTimeOf } from "../job-summary";
import { formatModelOutput } from "../model-output";
import { outputFilesOf } from "../outputs/output-files";
import { reportPrediction } from "../prediction-outcome";

/** `replicate-ts predictions list|get|cancel|watch`. */
export function registerPredictions(program: Command, io: CliIo): void {
  const predictions = program
    .command("predictions")
    .description("List, inspect, cancel and watch predictions.")
    .addHelpText(
      "after",
      examples("replicate-ts predictions list", "replicate-ts predictions watch <id>"),
    );

  withListingOptions(predictions.command("list"))
    .description("List your predictions, newest first.")
    .option(
      "--created-after <date>",
      "only those created at or after this date-time (ISO 8601)",
      (text: string) => parseDateTime(text, "--created-after"),
    )
    .option(
      "--created-before <date>",
      "only those created before this date-time (ISO 8601)",
      (text: string) => parseDateTime(text, "--created-before"),
    )
    .addHelpText(
      "after",
      examples("replicate-ts predictions list --limit 50", "replicate-ts predictions list --json"),
    )
    .action((options: ListOptions, command: Command) =>
      withClient(command, io, (context) => listPredictions(context, options)),
    );

  predictions
    .command("get")
    .description("Show one prediction: status, timing, input, output and (with --logs) logs.")
    .addArgument(idArgument("id", "the prediction's id", "prediction id"))
    .option("--logs", "print the prediction's logs too")
    .addHelpText("after", examples("replicate-ts predictions get ufawqhfynnddngldkgtslldrkq"))
    .action((id: string, options: { logs?: boolean }, command: Command) =>
      withClient(command, io, (context) => getPrediction(context, id, options)),
    );

  predictions
    .command("cancel")
    .description("Cancel a prediction that is still starting or processing.")
    .addArgument(idArgument("id", "the prediction's id", "prediction id"))
    .addHelpText("after", examples("replicate-ts predictions cancel ufawqhfynnddngldkgtslldrkq"))
    .action((id: string, _options: unknown, command: Command) =>
      withClient(command, io, (context) => cancelPrediction(context, id)),
    );

  predictions
    .command("watch")
    .description(
      "Follow a prediction until it ends, with the same display as run, then print its output.",
    )
    .addArgument(idArgument("id", "the prediction's id", "prediction id"))
    .option("-o, --output-dir <dir>", "save file outputs into this folder")
    .addHelpText(
      "after",
      examples("replicate-ts predictions watch ufawqhfynnddngldkgtslldrkq -o out/"),
    )
    .action((id: string, options: { outputDir?: string }, command: Command) =>
      withClient(command, io, (context) => watchPrediction(context, id, options)),
    );
}

interface ListOptions extends ListingOptions {
  createdAfter?: string;
  createdBefore?: string;
}

/** Prints the predictions as `predictions list` does (the demo uses it too). */
export async function listPredictions(
  context: CommandContext,
  options: ListOptions,
): Promise<void> {
  const shown = await takeItems(
    context.replicate.predictions.list({
      createdAfter: options.createdAfter,
      createdBefore: options.createdBefore,
    }),
    options,
  );
  printItems(context, shown, {
    none: "No predictions.",
    columns: [
      { header: "id", value: (p) => p.id },
      { header: "model", value: (p) => p.model, maxWidth: 40 },
      { header: "status", value: (p) => p.status },
      { header: "created", value: (p) => formatDate(p.createdAt) },
      {
        header: "time",
        value: (p) =>
          p.metrics.predictTime === undefined ? "-" : formatDuration(p.metrics.predictTime * 1000),
      },
    ],
  });
}

async function getPrediction(
  context: CommandContext,
  id: string,
  options: { logs?: boolean },
): Promise<void> {
  const prediction = await context.replicate.predictions.get({ id });
  printResult(context, prediction, () => {
    const logs = options.logs && prediction.logs ? `\n\nlogs:\n${prediction.logs.trimEnd()}` : "";
    return `${describePrediction(prediction)}${logs}`;
  });
}

/** The fields of a prediction a person looks at, as aligned `label: value` lines. */
export function describePrediction(prediction: Prediction): string {
  const predictTime = prediction.metrics.predictTime;
  const output = formatModelOutput(prediction.output);
  return formatRecord([
    ["id", prediction.id],
    ["model", prediction.model],
    ["version", prediction.version],
    ["status", prediction.status],
    ["created", formatDate(prediction.createdAt)],
    ["started", prediction.startedAt ? formatDate(prediction.startedAt) : undefined],
    ["completed", prediction.completedAt ? formatDate(prediction.completedAt) : undefined],
    ["model time", predictTime === undefined ? undefined : formatDuration(predictTime * 1000)],
    ["error", prediction.error],
    ["input", prediction.input],
    ["output", output === "" ? undefined : output.includes("\n") ? `\n${output}` : output],
  ]);
}

async function cancelPrediction(context: CommandContext, id: string): Promise<void> {
  const prediction = await context.replicate.predictions.cancel({ id });
  printResult(context, prediction, () => `${prediction.id} ${prediction.status}`);
}

async function watchPrediction(
  context: CommandContext,
  id: string,
  options: { outputDir?: string },
): Promise<void> {
  let latest = await context.replicate.predictions.get({ id });
  const display = createRunDisplay(context.io, `${latest.model} ${latest.id}`);
  try {
    display.update(latest);
    latest = await context.replicate.predictions.wait(latest, {
      onProgress: (prediction) => display.update(prediction),
    });
  } catch (error) {
    display.finish("failed", `stopped watching ${id}`);
    throw error;
  }
  await reportPrediction(context, latest, {
    display,
    title: latest.model,
    // The API's own times: how long this command watched is not how long the prediction ran.
    took: runTimeOf(latest),
    files: outputFilesOf(context, latest),
    outputDirectory:
      options.outputDir === undefined ? undefined : resolve(context.io.cwd, options.outputDir),
  });
}
