import { resolve } from "node:path";
import type { Command } from "commander";
import { isReplicateError, ModelError, Prediction } from "replicate-ts";
import { type CommandContext, examples, printJson, withClient } from "../command-kit";
import { createRunDisplay } from "../display/create-displays";
import type { RunDisplay } from "../display/job-view";
import { UsageError } from "../exit-codes";
import { inputSchemaOf } from "../input-schema";
import { parseInputArguments } from "../input-values";
import { abortOnInterrupt } from "../interrupt";
import type { CliIo } from "../io";
import { reportPrediction } from "../job-report";
import { dataUriOf, resolveLocalFiles } from "../local-files";
import { type ModelReference, parseModelReference } from "../model-reference";
import { fetchVersionSchema } from "../model-schema";

interface RunOptions {
  wait?: string | false | undefined;
  outputDir?: string | undefined;
  download?: boolean | undefined;
  cancelAfter?: string | undefined;
}

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
        "replicate-ts run replicate/hello-world text=Bob --json | jq .output",
      ),
    )
    .action((model: string, inputs: string[], options: RunOptions, command: Command) =>
      withClient(command, io, (context) => runModel(context, model, inputs, options)),
    );
}

async function runModel(
  context: CommandContext,
  modelText: string,
  inputArgs: string[],
  options: RunOptions,
): Promise<void> {
  const reference = parseModelReference(modelText);
  const wait = parseWait(options.wait);
  const { replicate, io } = context;
  let display: RunDisplay | undefined;
  const interrupt = abortOnInterrupt(() =>
    display?.note("Canceling the prediction (press Ctrl-C again to quit at once)..."),
  );
  try {
    const input = await prepareInput(context, reference, inputArgs, interrupt.signal);
    if (wait === false) {
      const prediction = await replicate.predictions.create(
        { version: reference.text, input, cancelAfter: options.cancelAfter },
        { signal: interrupt.signal },
      );
      if (context.globals.json) printJson(io, prediction);
      else io.stdout.write(`${prediction.id} ${prediction.status}\n`);
      return;
    }
    const started = performance.now();
    display = createRunDisplay(io, reference.text);
    let latest: Prediction | undefined;
    let final: Prediction;
    try {
      await replicate.run(reference.text, {
        input,
        wait: wait ?? false,
        cancelAfter: options.cancelAfter,
        signal: interrupt.signal,
        onProgress: (prediction) => {
          latest = prediction;
          display?.update(prediction);
        },
      });
      final = latest!;
    } catch (error) {
      final = await finalStateAfter(error, context, latest, interrupt.signal);
    }
    await reportPrediction(final, display, context, {
      title: reference.text,
      elapsed: performance.now() - started,
      outputDirectory:
        options.download === false || (context.globals.json && options.outputDir === undefined)
          ? undefined
          : resolve(io.cwd, options.outputDir ?? "."),
    });
  } catch (error) {
    display?.finish("failed", `${reference.text} did not finish`);
    throw error;
  } finally {
    interrupt.dispose();
  }
}

/**
 * The prediction as it ended when `run()` threw: the one a `ModelError` carries, or, after Ctrl-C
 * (run() has canceled it by then), its state fetched again. Other errors propagate.
 */
async function finalStateAfter(
  error: unknown,
  context: CommandContext,
  latest: Prediction | undefined,
  signal: AbortSignal,
): Promise<Prediction> {
  if (error instanceof ModelError && error.prediction instanceof Prediction) {
    return error.prediction;
  }
  if (signal.aborted && isReplicateError(error) && error.name === "AbortError" && latest) {
    return context.replicate.predictions.get({ id: latest.id }).catch(() => latest!);
  }
  throw error;
}

async function prepareInput(
  context: CommandContext,
  reference: ModelReference,
  inputArgs: string[],
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const openapi = await fetchVersionSchema(context.replicate, reference, signal);
  const parsed = parseInputArguments(inputArgs, inputSchemaOf(openapi));
  return resolveLocalFiles(parsed, context.io.cwd, dataUriOf);
}

/** `--wait N` (1-60), `--no-wait` (false), or neither (undefined: poll from the start). */
function parseWait(wait: string | false | undefined): number | false | undefined {
  if (wait === undefined || wait === false) return wait;
  const seconds = Number(wait);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
    throw new UsageError(
      `--wait takes a whole number of seconds from 1 to 60 (got ${JSON.stringify(wait)}).`,
    );
  }
  return seconds;
}
