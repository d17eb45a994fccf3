import type { Command } from "commander";
import {
  addListCommand,
  type CommandContext,
  examples,
  idArgument,
  type ListingOptions,
  printItems,
  printResult,
  takeItems,
  withClient,
} from "../command-kit";
import { formatTable } from "../format";
import type { CliIo } from "../io";
import { MODEL_COLUMNS } from "./models";

/** `replicate-ts collections list|get`. */
export function registerCollections(program: Command, io: CliIo): void {
  const collections = program
    .command("collections")
    .description("Browse curated collections of models, such as text-to-image.")
    .addHelpText(
      "after",
      examples("replicate-ts collections list", "replicate-ts collections get text-to-image"),
    );

  addListCommand(collections, io, {
    description: "List the collections.",
    example: "replicate-ts collections list",
    list: listCollections,
  });

  collections
    .command("get")
    .description("Show a collection and its models.")
    .addArgument(idArgument("slug", "the collection's slug, e.g. text-to-image", "collection slug"))
    .addHelpText("after", examples("replicate-ts collections get super-resolution"))
    .action((slug: string, _options: unknown, command: Command) =>
      withClient(command, io, (context) => getCollection(context, slug)),
    );
}

async function listCollections(context: CommandContext, options: ListingOptions): Promise<void> {
  printItems(context, await takeItems(context.replicate.collections.list(), options), {
    none: "No collections.",
    columns: [
      { header: "slug", value: (collection) => collection.slug },
      { header: "name", value: (collection) => collection.name, maxWidth: 40 },
      { header: "description", value: (collection) => collection.description, maxWidth: 70 },
    ],
  });
}

async function getCollection(context: CommandContext, slug: string): Promise<void> {
  const collection = await context.replicate.collections.get({ collectionSlug: slug });
  printResult(context, collection, () =>
    [
      `${context.out.bold(collection.name)} (${collection.slug})`,
      ...(collection.description ? [collection.description] : []),
      "",
      collection.models.length === 0 ? "No models." : formatTable(collection.models, MODEL_COLUMNS),
    ].join("\n"),
  );
}
