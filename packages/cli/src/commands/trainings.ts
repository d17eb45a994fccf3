import type { Command } from "commander";
import type { ReplicateTraining } from "replicate-ts";
import {
  addListCommand,
  type CommandContext,
  examples,
  idArgument,
  type ListingOptions,
  printItems,
  printRecord,
  printResult,
  takeItems,
  withClient,
} from "../command-kit";
import { createRunDisplay } from "../display/create-displays";
import { progressIn } from "../display/log-follower";
import { UsageError } from "../exit-codes";
import { formatDate, formatDuration, formatRecord, type RecordEntries } from "../format";
import type { CliIo } from "../io";
import { reportOutcome } from "../job-outcome";
import { runTimeOf, summaryLine } from "../job-summary";
import { parseModelReference, parseOwnerName } from "../model-reference";
import { prepareInput } from "../run/prepare-input";

/** `replicate-ts trainings create|get|list|cancel|watch`. */
export function registerTrainings(program: Command, io: CliIo): void {
  const trainings = program
    .command("trainings")
    .description("Fine-tune models: start, inspect, cancel and watch trainings.")
    .addHelpText(
      "after",
      examples("replicate-ts trainings list", "replicate-ts trainings watch <id>"),
    );

  trainings
    .command("create")
    .description(
      "Start a training of a model version; a success pushes a new version to --destination.",
    )
    .argument("<version>", "owner/name:version of the model to train")
    .argument("[inputs...]", "training inputs as key=value (key=@path uploads a local file)")
    .requiredOption(
      "-d, --destination <model>",
      "owner/name of your model that receives the new version",
    )
    .option("--watch", "follow the training until it ends")
    .addHelpText(
      "after",
      examples(
        "replicate-ts trainings create acme/sdxl:39ed52f2... --destination alice/my-sdxl input_images=@photos.zip --watch",
      ),
    )
    .action(
      (
        version: string,
        inputs: string[],
        options: { destination: string; watch?: boolean },
        command: Command,
      ) => withClient(command, io, (context) => createTraining(context, version, inputs, options)),
    );

  trainings
    .command("get")
    .description("Show a training: status, timing, and the version it made.")
    .addArgument(idArgument("id", "the training's id", "training id"))
    .addHelpText("after", examples("replicate-ts trainings get zz4ibbonubfz7carwiefibzgga"))
    .action((id: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const training = await context.replicate.trainings.get({ trainingId: id });
        printRecord(context, training, trainingEntries);
      }),
    );

  addListCommand(trainings, io, {
    description: "List your trainings, newest first.",
    example: "replicate-ts trainings list --limit 10",
    list: listTrainings,
  });

  trainings
    .command("cancel")
    .description("Cancel a training that is still running.")
    .addArgument(idArgument("id", "the training's id", "training id"))
    .addHelpText("after", examples("replicate-ts trainings cancel zz4ibbonubfz7carwiefibzgga"))
    .action((id: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const training = await context.replicate.trainings.cancel({ trainingId: id });
        printResult(context, training, () => `${training.id} ${training.status}`);
      }),
    );

  trainings
    .command("watch")
    .description("Follow a training until it ends, showing status, logs and progress.")
    .addArgument(idArgument("id", "the training's id", "training id"))
    .addHelpText("after", examples("replicate-ts trainings watch zz4ibbonubfz7carwiefibzgga"))
    .action((id: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const training = await context.replicate.trainings.get({ trainingId: id });
        await watchTraining(context, training, false);
      }),
    );
}

async function createTraining(
  context: CommandContext,
  versionText: string,
  inputArgs: string[],
  options: { destination: string; watch?: boolean },
): Promise<void> {
  const reference = parseModelReference(versionText);
  if (!reference.owner || !reference.name || !reference.version) {
    throw new UsageError(
      `trainings create needs owner/name:version (got ${JSON.stringify(versionText)}): see replicate-ts models versions owner/name.`,
    );
  }
  parseOwnerName(options.destination, "--destination");
  const input = await prepareInput(context, reference, inputArgs, undefined, "TrainingInput");
  const training = await context.replicate.trainings.create({
    modelOwner: reference.owner,
    modelName: reference.name,
    versionId: reference.version,
    destination: options.destination,
    input,
  });
  if (options.watch) return watchTraining(context, training, true);
  printResult(context, training, () => `${training.id} ${training.status}`);
}

/**
 * Follows a training to its end with the run display, then reports it. `fromStart`: this command
 * started it, so its own clock times the run; else the API's timestamps do.
 */
async function watchTraining(
  context: CommandContext,
  first: ReplicateTraining,
  fromStart: boolean,
): Promise<void> {
  const started = performance.now();
  const title = `training ${first.id}`;
  const display = createRunDisplay(context.io, title);
  let training = first;
  try {
    display.update(withProgress(training));
    training = await context.replicate.trainings.wait(training, {
      onProgress: (snapshot) => display.update(withProgress(snapshot)),
    });
  } catch (error) {
    display.finish("failed", `stopped watching ${first.id}`);
    throw error;
  }
  const job = {
    status: training.status,
    summary: summaryLine({
      title,
      status: training.status,
      took: fromStart ? performance.now() - started : runTimeOf(training),
      error: training.error,
    }),
    logs: training.logs,
    json: training,
  };
  await reportOutcome(context, job, {
    display,
    describe: () => formatRecord(trainingEntries(training)),
  });
}

/** A training with the tqdm progress of its logs, as the run display wants it. */
function withProgress(training: ReplicateTraining) {
  return {
    id: training.id,
    status: training.status,
    logs: training.logs,
    progress: progressIn(training.logs),
  };
}

function trainingEntries(training: ReplicateTraining): RecordEntries {
  return [
    ["id", training.id],
    ["model", training.model],
    ["version", training.version],
    ["status", training.status],
    ["created", formatDate(training.createdAt)],
    ["completed", training.completedAt ? formatDate(training.completedAt) : undefined],
    [
      "model time",
      training.metrics.predictTime === undefined
        ? undefined
        : formatDuration(training.metrics.predictTime * 1000),
    ],
    ["error", training.error],
    ["new version", training.output?.version],
    ["weights", training.output?.weights],
  ];
}

async function listTrainings(context: CommandContext, options: ListingOptions): Promise<void> {
  printItems(context, await takeItems(context.replicate.trainings.list(), options), {
    none: "No trainings.",
    columns: [
      { header: "id", value: (training) => training.id },
      { header: "model", value: (training) => training.model ?? "-", maxWidth: 40 },
      { header: "status", value: (training) => training.status },
      { header: "created", value: (training) => formatDate(training.createdAt) },
    ],
  });
}
