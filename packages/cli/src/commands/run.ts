import { resolve } from "node:path";
import type { Command } from "commander";
import { isReplicateError, ModelError, Prediction } from "replicate-ts";
import { type CommandContext, examples, printJson, withClient } from "../command-kit";
import { createRunDisplay, showsProgress } from "../display/create-displays";
import type { RunDisplay } from "../display/job-view";
import { JobUnsuccessfulError, UsageError } from "../exit-codes";
import { inputSchemaOf } from "../input-schema";
import { parseInputArguments } from "../input-values";
import { abortOnInterrupt } from "../interrupt";
import type { CliIo } from "../io";
import { outcomeOf, reportPrediction, summaryOf } from "../job-report";
import { resolveLocalFiles, uploadable } from "../local-files";
import { type ModelReference, parseModelReference } from "../model-reference";
import { fetchVersionSchema } from "../model-schema";
import { GrowingOutputText } from "../output-text";

/** Options of `replicate-ts run`. */
export interface RunCommandOptions {
  /** `--wait N` as typed, or `false` for `--no-wait`. */
  wait?: string | false | undefined;
  outputDir?: string | undefined;
  /** `false` for `--no-download`. */
  download?: boolean | undefined;
  cancelAfter?: string | undefined;
  stream?: boolean | undefined;
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
 * Runs a model as `replicate-ts run` does: validates and types the inputs against the model's
 * schema, runs it with a live display (Ctrl-C cancels it), then reports the outcome.
 */
export async function runModel(
  context: CommandContext,
  modelText: string,
  inputArgs: readonly string[],
  options: RunCommandOptions,
): Promise<void> {
  const reference = parseModelReference(modelText);
  const wait = parseWait(options.wait);
  if (options.stream && (wait === false || context.globals.json)) {
    throw new UsageError("--stream prints text as it arrives: leave out --no-wait and --json.");
  }
  let display: RunDisplay | undefined;
  const interrupt = abortOnInterrupt(() =>
    display?.note("Canceling the prediction (press Ctrl-C again to quit at once)..."),
  );
  try {
    const input = await prepareInput(context, reference, inputArgs, interrupt.signal);
    if (wait === false)
      return await startOnly(context, reference, input, options, interrupt.signal);
    if (options.stream)
      return await streamText(context, reference, input, options, interrupt.signal);
    const started = performance.now();
    display = createRunDisplay(context.io, reference.text);
    let latest: Prediction | undefined;
    let final: Prediction;
    try {
      await context.replicate.run(reference.text, {
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
          : resolve(context.io.cwd, options.outputDir ?? "."),
      signal: interrupt.signal,
    });
  } catch (error) {
    display?.finish("failed", `${reference.text} did not finish`);
    if (interrupt.signal.aborted && !(error instanceof JobUnsuccessfulError)) {
      // Ctrl-C before the prediction existed, or while its files were downloading.
      context.io.stderr.write("Interrupted.\n");
      throw new JobUnsuccessfulError("Interrupted");
    }
    throw error;
  } finally {
    interrupt.dispose();
  }
}

/** `--no-wait`: creates the prediction and prints its id and status (or its JSON). */
async function startOnly(
  context: CommandContext,
  reference: ModelReference,
  input: Record<string, unknown>,
  options: RunCommandOptions,
  signal: AbortSignal,
): Promise<void> {
  const prediction = await context.replicate.predictions.create(
    { version: reference.text, input, cancelAfter: options.cancelAfter },
    { signal },
  );
  if (context.globals.json) printJson(context.io, prediction);
  else context.io.stdout.write(`${prediction.id} ${prediction.status}\n`);
}

/**
 * `--stream`: prints the model's text output to stdout as it is generated, then a summary line
 * on stderr (on a terminal). It reads the prediction's server-sent events; a model that does
 * not stream is followed by polling instead, printing its output as it grows. Ctrl-C cancels
 * the prediction.
 */
async function streamText(
  context: CommandContext,
  reference: ModelReference,
  input: Record<string, unknown>,
  options: RunCommandOptions,
  signal: AbortSignal,
): Promise<void> {
  const { replicate, io } = context;
  const started = performance.now();
  const created = await replicate.predictions.create(
    { version: reference.text, input, cancelAfter: options.cancelAfter, stream: true },
    { signal },
  );
  try {
    if (created.urls.stream) {
      for await (const events of replicate.predictions.stream(created, { signal }).batches()) {
        for (const event of events) if (event.event === "output") io.stdout.write(event.data);
      }
    } else {
      const text = new GrowingOutputText();
      const print = (prediction: Prediction) => {
        const added = text.push(prediction.output);
        if (added) io.stdout.write(added);
      };
      print(created);
      await replicate.predictions.wait(created, { signal, onProgress: print });
    }
  } catch (error) {
    if (signal.aborted) {
      await replicate.predictions.cancel({ id: created.id });
    } else if (!(error instanceof ModelError)) {
      throw error;
    }
  }
  // The final state says how it ended (a ModelError above only said that it did not succeed).
  const prediction = await replicate.predictions.wait(created);
  io.stdout.write("\n");
  const summary = summaryOf(prediction, {
    title: reference.text,
    elapsed: performance.now() - started,
    outputDirectory: undefined,
  });
  const outcome = outcomeOf(prediction.status);
  if (showsProgress(io) || outcome !== "succeeded") {
    const mark = outcome === "succeeded" ? context.err.green("✔") : context.err.red("✖");
    io.stderr.write(`${mark} ${summary}\n`);
  }
  if (outcome !== "succeeded") throw new JobUnsuccessfulError(summary);
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
    const known = latest;
    return context.replicate.predictions.get({ id: known.id }).catch(() => known);
  }
  throw error;
}

async function prepareInput(
  context: CommandContext,
  reference: ModelReference,
  inputArgs: readonly string[],
  signal: AbortSignal,
): Promise<Record<string, unknown>> {
  const openapi = await fetchVersionSchema(context.replicate, reference, signal);
  const parsed = parseInputArguments(inputArgs, inputSchemaOf(openapi));
  return resolveLocalFiles(parsed, context.io.cwd, uploadable);
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
