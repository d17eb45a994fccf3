import { type Command, Option } from "commander";
import type { ReplicateModel } from "replicate-ts";
import {
  type CommandContext,
  examples,
  type ListingOptions,
  printItems,
  printJson,
  printLine,
  printRecord,
  printResult,
  takeItems,
  withClient,
  withListingOptions,
} from "../command-kit";
import { UsageError } from "../exit-codes";
import { type Column, formatDate, formatTable } from "../format";
import {
  describeType,
  type FieldSchema,
  type InputSchema,
  inputSchemaOf,
  outputSchemaOf,
} from "../input-schema";
import type { CliIo } from "../io";
import { parseModelReference, parseOwnerName } from "../model-reference";
import { fetchVersionSchema } from "../model-schema";

/** `replicate-ts models get|list|search|versions|schema|create`. */
export function registerModels(program: Command, io: CliIo): void {
  const models = program
    .command("models")
    .description("Look up models, their versions and their input and output schemas.")
    .addHelpText(
      "after",
      examples(
        "replicate-ts models get replicate/hello-world",
        "replicate-ts models schema replicate/hello-world",
      ),
    );

  models
    .command("get")
    .description("Show a model: description, visibility, run count and latest version.")
    .argument("<model>", "owner/name")
    .addHelpText("after", examples("replicate-ts models get replicate/hello-world"))
    .action((model: string, _options: unknown, command: Command) =>
      withClient(command, io, (context) => getModel(context, model)),
    );

  withListingOptions(models.command("list"))
    .description("List public models, most recently updated first.")
    .addOption(
      new Option("--sort-by <field>", "what to sort by").choices([
        "model_created_at",
        "latest_version_created_at",
      ]),
    )
    .addOption(new Option("--sort-direction <direction>", "which way").choices(["asc", "desc"]))
    .addHelpText("after", examples("replicate-ts models list --limit 20"))
    .action((options: ModelListOptions, command: Command) =>
      withClient(command, io, (context) => listModels(context, options)),
    );

  withListingOptions(models.command("search"))
    .description("Search public models by text.")
    .argument("<query...>", "what to look for")
    .addHelpText("after", examples('replicate-ts models search "upscale faces" --limit 5'))
    .action((words: string[], options: ListingOptions, command: Command) =>
      withClient(command, io, (context) => searchModels(context, words.join(" "), options)),
    );

  withListingOptions(models.command("versions"))
    .description("List a model's versions, newest first.")
    .argument("<model>", "owner/name")
    .addHelpText("after", examples("replicate-ts models versions replicate/hello-world"))
    .action((model: string, options: ListingOptions, command: Command) =>
      withClient(command, io, (context) => listVersions(context, model, options)),
    );

  models
    .command("create")
    .description("Create a model of yours, e.g. as the destination of a training.")
    .argument("<model>", "owner/name: your username (or organization) and the new model's name")
    .requiredOption(
      "--hardware <sku>",
      "hardware SKU it runs on, e.g. cpu or gpu-t4 (see: replicate-ts hardware)",
    )
    .addOption(
      new Option("--visibility <visibility>", "who can see and run it")
        .choices(["public", "private"])
        .default("private"),
    )
    .option("--description <text>", "what the model does")
    .addHelpText(
      "after",
      examples(
        'replicate-ts models create alice/my-greeter --hardware cpu --description "Says howdy"',
      ),
    )
    .action((model: string, options: ModelCreateOptions, command: Command) =>
      withClient(command, io, (context) => createModel(context, model, options)),
    );

  models
    .command("schema")
    .description("Show the inputs and output of a model version as a table.")
    .argument("<model>", "owner/name (its latest version) or owner/name:version")
    .addHelpText(
      "after",
      examples(
        "replicate-ts models schema replicate/hello-world",
        "replicate-ts models schema replicate/hello-world --json",
      ),
    )
    .action((model: string, _options: unknown, command: Command) =>
      withClient(command, io, (context) => showSchema(context, model)),
    );
}

interface ModelCreateOptions {
  hardware: string;
  /** Checked by commander's choices. */
  visibility: "public" | "private";
  description?: string;
}

/** `--sort-by` and `--sort-direction` are checked by commander's choices. */
interface ModelListOptions extends ListingOptions {
  sortBy?: "model_created_at" | "latest_version_created_at";
  sortDirection?: "asc" | "desc";
}

async function getModel(context: CommandContext, text: string): Promise<void> {
  const { owner, name } = parseOwnerName(text);
  const model = await context.replicate.models.get({ modelOwner: owner, modelName: name });
  printRecord(context, model, () => [
    ["model", model.fullName],
    ["description", model.description],
    ["visibility", model.visibility],
    ["official", model.isOfficial ? "yes" : undefined],
    ["runs", model.runCount],
    ["latest version", model.latestVersion?.id],
    [
      "version created",
      model.latestVersion ? formatDate(model.latestVersion.createdAt) : undefined,
    ],
    ["url", model.url],
    ["github", model.githubUrl],
    ["paper", model.paperUrl],
    ["license", model.licenseUrl],
  ]);
}

async function createModel(
  context: CommandContext,
  text: string,
  options: ModelCreateOptions,
): Promise<void> {
  const { owner, name } = parseOwnerName(text);
  const { visibility } = options;
  const model = await context.replicate.models.create({
    owner,
    name,
    visibility,
    hardware: options.hardware,
    description: options.description,
  });
  printResult(
    context,
    model,
    () => `Created ${model.visibility ?? visibility} model ${model.fullName}.`,
  );
}

/** The columns of a table of models (`models list`, `models search`, `collections get`). */
export const MODEL_COLUMNS: readonly Column<ReplicateModel>[] = [
  { header: "model", value: (model) => model.fullName, maxWidth: 50 },
  { header: "runs", value: (model) => model.runCount ?? "-" },
  { header: "description", value: (model) => model.description ?? "", maxWidth: 70 },
];

function printModels(context: CommandContext, models: ReplicateModel[]): void {
  printItems(context, models, { none: "No models.", columns: MODEL_COLUMNS });
}

async function listModels(context: CommandContext, options: ModelListOptions): Promise<void> {
  const list = context.replicate.models.list({
    sortBy: options.sortBy,
    sortDirection: options.sortDirection,
  });
  printModels(context, await takeItems(list, options));
}

async function searchModels(
  context: CommandContext,
  query: string,
  options: ListingOptions,
): Promise<void> {
  if (query.trim() === "")
    throw new UsageError('Give something to search for, e.g. models search "upscale".');
  printModels(context, await takeItems(context.replicate.models.search({ query }), options));
}

async function listVersions(
  context: CommandContext,
  text: string,
  options: ListingOptions,
): Promise<void> {
  const { owner, name } = parseOwnerName(text);
  const versions = context.replicate.models.versions({ modelOwner: owner, modelName: name });
  printItems(context, await takeItems(versions, options), {
    none: "No versions.",
    columns: [
      { header: "id", value: (version) => version.id, maxWidth: 64 },
      { header: "created", value: (version) => formatDate(version.createdAt) },
      { header: "cog", value: (version) => version.cogVersion ?? "-" },
    ],
  });
}

async function showSchema(context: CommandContext, text: string): Promise<void> {
  const reference = parseModelReference(text);
  if (reference.owner === undefined) {
    throw new UsageError(
      `models schema needs owner/name or owner/name:version (got ${JSON.stringify(text)}).`,
    );
  }
  const openapi = await fetchVersionSchema(context.replicate, reference);
  if (context.globals.json) {
    printJson(context.io, openapi ?? null);
    return;
  }
  const inputs = inputSchemaOf(openapi);
  const trainingInputs = inputSchemaOf(openapi, "TrainingInput");
  const output = outputSchemaOf(openapi);
  if (!inputs && !output) {
    printLine(context.io, `${text} publishes no schema.`);
    return;
  }
  const { out } = context;
  const sections = [`${out.bold("Inputs")}\n${inputTable(inputs)}`];
  // A trainable model also says what its train() takes (see trainings create).
  if (trainingInputs)
    sections.push(`${out.bold("Training inputs")}\n${inputTable(trainingInputs)}`);
  if (output) sections.push(`${out.bold("Output")}\n${describeType(output)}`);
  printLine(context.io, sections.join("\n\n"));
}

/** A version's inputs as a table: name, type, default (or required) and description. */
function inputTable(inputs: InputSchema | undefined): string {
  const rows = [...(inputs?.fields ?? new Map<string, FieldSchema>()).entries()];
  if (rows.length === 0) return "(none)";
  return formatTable(rows, [
    { header: "name", value: ([name]) => name },
    { header: "type", value: ([, field]) => describeType(field), maxWidth: 40 },
    {
      header: "default",
      value: ([name, field]) =>
        inputs?.required.has(name)
          ? "(required)"
          : field.default === undefined
            ? "-"
            : field.default,
      maxWidth: 30,
    },
    { header: "description", value: ([, field]) => field.description ?? "", maxWidth: 70 },
  ]);
}
