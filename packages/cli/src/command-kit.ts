import { Argument, type Command } from "commander";
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

/**
 * Parses a whole number flag, e.g. `--limit`, or explains what was expected, naming the flag.
 * @param maximum the largest allowed, if any
 */
export function parseWholeNumber(
  text: string,
  flag: string,
  minimum = 0,
  maximum?: number,
): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < minimum || (maximum !== undefined && value > maximum)) {
    const range =
      maximum !== undefined
        ? ` from ${minimum} to ${maximum}`
        : minimum > 0
          ? ` of at least ${minimum}`
          : "";
    throw new UsageError(`${flag} takes a whole number${range} (got ${JSON.stringify(text)}).`);
  }
  return value;
}

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** The API's shortest and longest `Cancel-After`: 5 seconds and a week. */
const CANCEL_AFTER_LIMITS = { minimum: 5, maximum: 7 * 24 * 3600 };

/**
 * Checks a duration flag such as `--cancel-after 90s` (also `5m`, `1h30m`, or `45` for seconds)
 * against the API's limits, and gives it back as typed, for the `Cancel-After` header.
 */
export function parseDuration(text: string, flag: string): string {
  const trimmed = text.trim();
  const match = /^\d+$/.test(trimmed) ? undefined : DURATION.exec(trimmed);
  const seconds = /^\d+$/.test(trimmed)
    ? Number(trimmed)
    : match && trimmed !== ""
      ? Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0)
      : Number.NaN;
  const { minimum, maximum } = CANCEL_AFTER_LIMITS;
  if (!(seconds >= minimum && seconds <= maximum)) {
    throw new UsageError(
      `${flag} must be a duration from 5 seconds to a week, such as 90s, 5m or 1h30m (got ${JSON.stringify(text)}).`,
    );
  }
  return trimmed;
}

/**
 * Checks an id argument or flag (a prediction's, a file's...): one path segment, no spaces.
 * @param what names it in the message, e.g. `prediction id`
 */
export function parseId(text: string, what: string): string {
  if (!/^[^\s/?#]+$/.test(text)) {
    throw new UsageError(
      `Invalid ${what} ${JSON.stringify(text)}: give the id alone, without spaces or slashes (e.g. ufawqhfynnddngldkgtslldrkq).`,
    );
  }
  return text;
}

/** An `<name>` argument holding an id, checked by {@link parseId} as commander reads it. */
export function idArgument(name: string, description: string, what: string): Argument {
  return new Argument(`<${name}>`, description).argParser((text: string) => parseId(text, what));
}

/** Checks a date-time flag such as `--created-after 2024-05-01T12:00:00Z`. */
export function parseDateTime(text: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(Date.parse(text))) {
    throw new UsageError(
      `${flag} takes an ISO 8601 date or date-time such as 2024-05-01 or 2024-05-01T12:00:00Z (got ${JSON.stringify(text)}).`,
    );
  }
  return text;
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

/** What a plain list command (no arguments, only `--limit`/`--all`) says and does. */
export interface ListCommandSpec {
  description: string;
  example: string;
  list: (context: CommandContext, options: ListingOptions) => Promise<void>;
}

/** Adds `<parent> list` with `--limit`/`--all`, its help example, and a client for its action. */
export function addListCommand(parent: Command, io: CliIo, spec: ListCommandSpec): Command {
  return withListingOptions(parent.command("list"))
    .description(spec.description)
    .addHelpText("after", examples(spec.example))
    .action((options: ListingOptions, command: Command) =>
      withClient(command, io, (context) => spec.list(context, options)),
    );
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
