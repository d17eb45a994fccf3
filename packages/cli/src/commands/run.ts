import type { Command } from "commander";
import { type CommandContext, examples, printResult, withClient } from "../command-kit";
import { createRunDisplay, showsProgress } from "../display/create-displays";
import type { RunDisplay } from "../display/job-view";
import { JobUnsuccessfulError } from "../exit-codes";
import type { CliIo } from "../io";
import { parseModelReference } from "../model-reference";
import { reportPrediction } from "../prediction-outcome";
import { CancelOnInterrupt } from "../run/cancel-on-interrupt";
import { prepareInput } from "../run/prepare-input";
import { createOnly, type PredictionRequest, runToEnd, streamToEnd } from "../run/run-flows";
import { planRun, type RunCommandOptions } from "../run/run-plan";

/** `replicate-ts run`: runs a model with a live display and prints (and saves) its output. */
export function registerRun(program: Command, io: CliIo): void {
  program
    .command("run")
    .description(
      "Run a model and print its output. Shows status, logs and progress while it runs; saves file outputs; Ctrl-C cancels the prediction.",
    )
    .argument("<model>", "owner/name, owner/name:version or a version id")
    .argument(
      "[inputs...]",
      "inputs as key=value, typed by the model's schema (numbers, booleans, JSON); key=@path uploads a local file",
    )
    .option(
      "--wait <seconds>",
      "hold the first request open for up to this many seconds (1-60) before polling",
    )
    .option("--no-wait", "create the prediction, print it and exit without waiting for it")
    .option("--stream", "print a language model's text as it is generated")
    .option("-o, --output-dir <dir>", "folder for file outputs (default: the current folder)")
    .option("--no-download", "print file outputs as URLs instead of saving them")
    .option(
      "--cancel-after <duration>",
      "cancel the prediction if it is still running after this long, e.g. 90s, 5m, 1h30m",
    )
    .addHelpText(
      "after",
      examples(
        "replicate-ts run replicate/hello-world text=Alice",
        'replicate-ts run owner/image-model prompt="a lighthouse at dawn" steps=20 -o out/',
        "replicate-ts run owner/upscaler image=@photo.png scale=2",
        'replicate-ts run owner/language-model prompt="Tell me a story" --stream',
        "replicate-ts run replicate/hello-world text=Bob --json | jq .output",
      ),
    )
    .action((model: string, inputs: string[], options: RunCommandOptions, command: Command) =>
      withClient(command, io, (context) => runModel(context, model, inputs, options)),
    );
}

/**
 * Runs a model as `replicate-ts run` does: checks the options, types the inputs by the model's
 * schema and uploads its files, runs it (following it, streaming its text, or only creating it),
 * then reports the outcome. Ctrl-C cancels the prediction.
 */
export async function runModel(
  context: CommandContext,
  modelText: string,
  inputArgs: readonly string[],
  options: RunCommandOptions,
): Promise<void> {
  const { io } = context;
  const reference = parseModelReference(modelText);
  const plan = planRun(context, options);
  let display: RunDisplay | undefined;
  const guard = new CancelOnInterrupt((message) => {
    if (display && showsProgress(io)) display.note(message);
    else io.stderr.write(`${message}\n`);
  });
  try {
    const input = await prepareInput(context, reference, inputArgs, guard.interrupted);
    const request: PredictionRequest = {
      model: reference.text,
      input,
      cancelAfter: plan.cancelAfter,
    };
    if (plan.flow === "create-only") {
      const prediction = await createOnly(context, request, guard);
      printResult(context, prediction, () => `${prediction.id} ${prediction.status}`);
      if (guard.cancel.aborted) throw new JobUnsuccessfulError("Canceled");
      return;
    }
    const started = performance.now();
    display = createRunDisplay(io, reference.text, plan.flow === "stream");
    const ended =
      plan.flow === "stream"
        ? await streamToEnd(context, request, guard)
        : await runToEnd(context, request, plan.wait, guard, display);
    await reportPrediction(context, ended.prediction, {
      display,
      title: reference.text,
      took: performance.now() - started,
      files: ended.files,
      outputDirectory: plan.outputDirectory,
      signal: guard.interrupted,
      streamed: plan.flow === "stream",
    });
  } catch (error) {
    display?.finish("failed", `${reference.text} did not finish`);
    if (guard.interrupted.aborted && !(error instanceof JobUnsuccessfulError)) {
      // Ctrl-C before the prediction existed, or while its files were downloading.
      io.stderr.write("Interrupted.\n");
      throw new JobUnsuccessfulError("Interrupted");
    }
    throw error;
  } finally {
    guard.dispose();
  }
}
