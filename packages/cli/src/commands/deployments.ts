import type { Command } from "commander";
import type { Deployment } from "replicate-ts";
import {
  addListCommand,
  type CommandContext,
  examples,
  idArgument,
  type ListingOptions,
  parseId,
  parseWholeNumber,
  printItems,
  printRecord,
  printResult,
  takeItems,
  withClient,
} from "../command-kit";
import { UsageError } from "../exit-codes";
import { formatDate } from "../format";
import type { CliIo } from "../io";
import { parseModelReference, parseOwnerName } from "../model-reference";

interface ScalingOptions {
  /** `--version-id` (`--version` is the program's own flag). */
  versionId?: string;
  hardware?: string;
  minInstances?: number;
  maxInstances?: number;
}

/** The API's limits on a deployment's instances. */
const MAX_MIN_INSTANCES = 5;
const MAX_MAX_INSTANCES = 20;

const parseMinInstances = (text: string) =>
  parseWholeNumber(text, "--min-instances", 0, MAX_MIN_INSTANCES);
const parseMaxInstances = (text: string) =>
  parseWholeNumber(text, "--max-instances", 0, MAX_MAX_INSTANCES);
const parseVersionId = (text: string) => parseId(text, "--version-id");

interface CreateOptions extends ScalingOptions {
  model?: string;
}

/** `replicate-ts deployments list|get|create|update|delete`. */
export function registerDeployments(program: Command, io: CliIo): void {
  const deployments = program
    .command("deployments")
    .description("Manage deployments: a model version on dedicated hardware under a fixed name.")
    .addHelpText(
      "after",
      examples("replicate-ts deployments list", "replicate-ts deployments get acme/image-maker"),
    );

  addListCommand(deployments, io, {
    description: "List your deployments.",
    example: "replicate-ts deployments list",
    list: listDeployments,
  });

  deployments
    .command("get")
    .description("Show a deployment and its current release.")
    .argument("<deployment>", "owner/name")
    .addHelpText("after", examples("replicate-ts deployments get acme/image-maker"))
    .action((text: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const { owner, name } = parseOwnerName(text, "deployment");
        const deployment = await context.replicate.deployments.get({
          deploymentOwner: owner,
          deploymentName: name,
        });
        printDeployment(context, deployment);
      }),
    );

  deployments
    .command("create")
    .description("Create a deployment of a model version.")
    .addArgument(idArgument("name", "the new deployment's name", "deployment name"))
    .requiredOption(
      "--model <model>",
      "the model version to deploy: owner/name:version, or owner/name with --version-id",
    )
    .option("--version-id <id>", "the version id to deploy, when --model has none", parseVersionId)
    .requiredOption("--hardware <sku>", "hardware SKU, e.g. gpu-t4 (see: replicate-ts hardware)")
    .option(
      "--min-instances <count>",
      "instances kept running when idle, 0-5",
      parseMinInstances,
      0,
    )
    .option("--max-instances <count>", "instances at most, 0-20", parseMaxInstances, 1)
    .addHelpText(
      "after",
      examples(
        "replicate-ts deployments create image-maker --model acme/sdxl:39ed52f2... --hardware gpu-t4 --max-instances 2",
      ),
    )
    .action((name: string, options: CreateOptions, command: Command) =>
      withClient(command, io, async (context) => {
        const { model, version } = deployedVersion(options);
        const minInstances = options.minInstances ?? 0;
        const maxInstances = options.maxInstances ?? 1;
        checkScaling(minInstances, maxInstances);
        const deployment = await context.replicate.deployments.create({
          name,
          model,
          version,
          hardware: options.hardware!,
          minInstances,
          maxInstances,
        });
        printDeployment(context, deployment);
      }),
    );

  deployments
    .command("update")
    .description("Change a deployment's version, hardware or scaling (makes a new release).")
    .argument("<deployment>", "owner/name")
    .option("--version-id <id>", "deploy this version of the model", parseVersionId)
    .option("--hardware <sku>", "move to this hardware")
    .option("--min-instances <count>", "instances kept running when idle, 0-5", parseMinInstances)
    .option("--max-instances <count>", "instances at most, 0-20", parseMaxInstances)
    .addHelpText(
      "after",
      examples("replicate-ts deployments update acme/image-maker --max-instances 5"),
    )
    .action((text: string, options: ScalingOptions, command: Command) =>
      withClient(command, io, async (context) => {
        const { owner, name } = parseOwnerName(text, "deployment");
        const changes = {
          version: options.versionId,
          hardware: options.hardware,
          minInstances: options.minInstances,
          maxInstances: options.maxInstances,
        };
        checkScaling(changes.minInstances, changes.maxInstances);
        if (Object.values(changes).every((value) => value === undefined)) {
          throw new UsageError(
            "Nothing to update: pass --version-id, --hardware, --min-instances or --max-instances.",
          );
        }
        const deployment = await context.replicate.deployments.update({
          deploymentOwner: owner,
          deploymentName: name,
          ...changes,
        });
        printDeployment(context, deployment);
      }),
    );

  deployments
    .command("delete")
    .description("Delete a deployment (the API only deletes deployments that have been idle).")
    .argument("<deployment>", "owner/name")
    .addHelpText("after", examples("replicate-ts deployments delete acme/image-maker"))
    .action((text: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        const { owner, name } = parseOwnerName(text, "deployment");
        await context.replicate.deployments.delete({
          deploymentOwner: owner,
          deploymentName: name,
        });
        const deleted = `${owner}/${name}`;
        printResult(context, { deleted }, () => `Deleted deployment ${deleted}.`);
      }),
    );
}

/** The model and version of `deployments create`, from `--model` and `--version-id`. */
function deployedVersion(options: CreateOptions): { model: string; version: string } {
  const reference = parseModelReference(options.model ?? "");
  const version = reference.version ?? options.versionId;
  if (!reference.owner || !reference.name || version === undefined) {
    throw new UsageError(
      `--model takes owner/name:version, or owner/name with --version-id (got ${JSON.stringify(options.model)}).`,
    );
  }
  if (reference.version && options.versionId && reference.version !== options.versionId) {
    throw new UsageError("--model names one version and --version-id another: give only one.");
  }
  return { model: `${reference.owner}/${reference.name}`, version };
}

/** The API refuses fewer instances at most than kept running: say so before sending. */
function checkScaling(minInstances: number | undefined, maxInstances: number | undefined): void {
  if (minInstances !== undefined && maxInstances !== undefined && minInstances > maxInstances) {
    throw new UsageError(
      `--min-instances (${minInstances}) must not be more than --max-instances (${maxInstances}).`,
    );
  }
}

async function listDeployments(context: CommandContext, options: ListingOptions): Promise<void> {
  printItems(context, await takeItems(context.replicate.deployments.list(), options), {
    none: "No deployments.",
    columns: [
      { header: "deployment", value: (deployment) => deployment.fullName, maxWidth: 50 },
      {
        header: "model",
        value: (deployment) => deployment.currentRelease?.model ?? "-",
        maxWidth: 40,
      },
      { header: "release", value: (deployment) => deployment.currentRelease?.number ?? "-" },
      {
        header: "hardware",
        value: (deployment) => deployment.currentRelease?.configuration.hardware ?? "-",
      },
      {
        header: "instances",
        value: ({ currentRelease }) =>
          currentRelease
            ? `${currentRelease.configuration.minInstances ?? "?"}-${currentRelease.configuration.maxInstances ?? "?"}`
            : "-",
      },
    ],
  });
}

function printDeployment(context: CommandContext, deployment: Deployment): void {
  const release = deployment.currentRelease;
  printRecord(context, deployment, () => [
    ["deployment", deployment.fullName],
    ["release", release?.number],
    ["model", release?.model],
    ["version", release?.version],
    ["hardware", release?.configuration.hardware],
    ["min instances", release?.configuration.minInstances],
    ["max instances", release?.configuration.maxInstances],
    ["released", release ? formatDate(release.createdAt) : undefined],
    ["released by", release?.createdBy?.username],
  ]);
}
