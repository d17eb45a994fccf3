import type { Command } from "commander";
import type { Replicate } from "replicate-ts";
import { type ConnectionOptions, openClient } from "./client";
import { UsageError } from "./exit-codes";
import { type Column, formatRecord, formatTable, type RecordEntries } from "./format";
import type { CliIo } from "./io";
import { type Styles, stylesFor } from "./terminal";

/** The options every command accepts (declared once, on the program). */
export interface GlobalOptions extends ConnectionOptions {
  /** `--json`: machine-readable output on stdout and nothing else there. */
  json?: boolean | undefined;
}

/** What a command's action gets: the client, the global options and the I/O. */
export interface CommandContext {
  replicate: Replicate;
  /** The token in use, if any. */
  token: string | undefined;
  globals: GlobalOptions;
  io: CliIo;
  /** Styles for stdout. */
  out: Styles;
  /** Styles for stderr. */
  err: Styles;
}

/** The global options as seen from any (sub)command. */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Runs `work` with a client built from the global options and releases it afterwards (stopping
 * the in-process emulator of `--emulator`).
 */
export async function withClient<Result>(
  command: Command,
  io: CliIo,
  work: (context: CommandContext) => Promise<Result>,
): Promise<Result> {
  const globals = globalsOf(command);
  const client = await openClient(globals, io);
  try {
    return await work({
      replicate: client.replicate,
      token: client.token,
      globals,
      io,
      out: stylesFor(io.stdout, io.env),
      err: stylesFor(io.stderr, io.env),
    });
  } finally {
    await client.close();
  }
}

/** Help text listing examples, added after a command's own help. */
export function examples(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? "s" : ""}:\n${lines.map((line) => `  $ ${line}`).join("\n")}\n`;
}

/** Parses a whole number option, or explains what was expected. */
export function parseWholeNumber(text: string, option: string, minimum = 0): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < minimum) {
    throw new UsageError(
      `${option} takes a whole number${minimum > 0 ? ` of at least ${minimum}` : ""} (got ${JSON.stringify(text)}).`,
    );
  }
  return Number(text);
}

/** Writes a line to stdout. */
export function printLine(io: CliIo, text: string): void {
  io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
}

/** Writes JSON to stdout (indented, newline-terminated). */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints what a command produced: `json` under `--json`, else the text `describe` makes. */
export function printResult(context: CommandContext, json: unknown, describe: () => string): void {
  if (context.globals.json) printJson(context.io, json);
  else printLine(context.io, describe());
}

/** Prints one resource: the API's JSON under `--json`, else aligned `label: value` lines. */
export function printRecord<Value>(
  context: CommandContext,
  value: Value,
  entries: (value: Value) => RecordEntries,
): void {
  printResult(context, value, () => formatRecord(entries(value)));
}

/** How {@link printItems} shows a list to a person. */
export interface ItemsLayout<Item> {
  /** What to say when there are none, e.g. `No predictions.` */
  none: string;
  columns: readonly Column<Item>[];
}

/** Prints a list: a JSON array under `--json`, else a table (or `layout.none`). */
export function printItems<Item>(
  context: CommandContext,
  items: readonly Item[],
  layout: ItemsLayout<Item>,
): void {
  printResult(context, items, () =>
    items.length === 0 ? layout.none : formatTable(items, layout.columns),
  );
}

/** `--limit` and `--all` of list commands. */
export interface ListingOptions {
  limit?: string | undefined;
  all?: boolean | undefined;
}

/** Adds `--limit` and `--all` to a list command. */
export function withListingOptions(command: Command): Command {
  return command
    .option("--limit <count>", "show at most this many, reading further pages as needed")
    .option("--all", "show every item, reading every page");
}

/**
 * The items a list command shows: the first page by default, up to `--limit` items, or every
 * item with `--all`, reading later pages only as far as needed.
 */
export async function takeItems<Item>(
  list: AsyncIterable<Item> & PromiseLike<{ results: Item[] }>,
  options: ListingOptions,
): Promise<Item[]> {
  const limit =
    options.limit === undefined ? undefined : parseWholeNumber(options.limit, "--limit", 1);
  if (!options.all && limit === undefined) return (await list).results;
  const items: Item[] = [];
  for await (const item of list) {
    items.push(item);
    if (limit !== undefined && items.length >= limit) break;
  }
  return items;
}
