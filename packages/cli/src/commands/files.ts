import { mkdir, stat } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import type { Command } from "commander";
import type { FileDownloadParams, ReplicateFile } from "replicate-ts";
import { fileFromPath } from "replicate-ts/node";
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
import { createDownloadDisplay } from "../display/create-displays";
import { UsageError } from "../exit-codes";
import { formatBytes, formatDate } from "../format";
import type { CliIo } from "../io";
import { requireLocalFile } from "../local-files";
import { saveResponse } from "../outputs/save-files";

interface UploadOptions {
  name?: string;
  contentType?: string;
  metadata?: string;
}

/** `replicate-ts files upload|list|get|delete|download`. */
export function registerFiles(program: Command, io: CliIo): void {
  const files = program
    .command("files")
    .description(
      "Upload files to use as model inputs, and list, inspect, download and delete them.",
    )
    .addHelpText(
      "after",
      examples("replicate-ts files upload photo.png", "replicate-ts files list"),
    );

  files
    .command("upload")
    .description("Upload a local file (streamed from disk) and print its id and URL.")
    .argument("<path>", "the file to upload")
    .option(
      "--name <name>",
      "the name to store it under (default: the file's name)",
      (text: string) => {
        if (text.trim() === "") throw new UsageError("--name must not be empty, e.g. photo.png.");
        return text;
      },
    )
    .option(
      "--content-type <type>",
      "its media type (default: guessed from the name)",
      (text: string) => {
        if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(text)) {
          throw new UsageError(
            `--content-type takes a media type such as image/png (got ${JSON.stringify(text)}).`,
          );
        }
        return text;
      },
    )
    .option("--metadata <json>", 'JSON metadata to store with it, e.g. \'{"project":"demo"}\'')
    .addHelpText(
      "after",
      examples('replicate-ts files upload photo.png --metadata \'{"album":"2024"}\''),
    )
    .action((path: string, options: UploadOptions, command: Command) =>
      withClient(command, io, (context) => uploadFile(context, path, options)),
    );

  addListCommand(files, io, {
    description: "List your files, newest first.",
    example: "replicate-ts files list --all",
    list: listFiles,
  });

  files
    .command("get")
    .description("Show a file's name, type, size, checksums and URLs.")
    .addArgument(idArgument("id", "the file's id", "file id"))
    .addHelpText("after", examples("replicate-ts files get cneqzikepnug6xezperrr4z55o"))
    .action((id: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        printFile(context, await context.replicate.files.get({ fileId: id }));
      }),
    );

  files
    .command("delete")
    .description("Delete a file.")
    .addArgument(idArgument("id", "the file's id", "file id"))
    .addHelpText("after", examples("replicate-ts files delete cneqzikepnug6xezperrr4z55o"))
    .action((id: string, _options: unknown, command: Command) =>
      withClient(command, io, async (context) => {
        await context.replicate.files.delete({ fileId: id });
        printResult(context, { deleted: id }, () => `Deleted file ${id}.`);
      }),
    );

  files
    .command("download")
    .description(
      "Download a file's content through its signed download URL, with a progress bar, and print where it was saved.",
    )
    .argument(
      "<file>",
      "the signed download URL, or the file's id with --owner, --expiry and --signature",
    )
    .option(
      "-o, --output <path>",
      "where to save it: a folder, or a file name (default: its name, here)",
    )
    .option("--owner <owner>", "the signed URL's owner parameter")
    .option("--expiry <timestamp>", "the signed URL's expiry parameter")
    .option("--signature <signature>", "the signed URL's signature parameter")
    .addHelpText(
      "after",
      examples(
        'replicate-ts files download "https://api.replicate.com/v1/files/cneqzikepnug6xezperrr4z55o/download?owner=alice&expiry=1708515345&signature=..." -o downloads/',
        "replicate-ts files download cneqzikepnug6xezperrr4z55o --owner alice --expiry 1708515345 --signature zuoghq...",
      ),
    )
    .action((file: string, options: DownloadOptions, command: Command) =>
      withClient(command, io, (context) => downloadFile(context, file, options)),
    );
}

async function uploadFile(
  context: CommandContext,
  path: string,
  options: UploadOptions,
): Promise<void> {
  const absolute = await requireLocalFile(path, context.io.cwd);
  const uploaded = await context.replicate.files.create({
    file: fileFromPath(absolute),
    filename: options.name,
    contentType: options.contentType,
    metadata: parseMetadata(options.metadata),
  });
  printResult(context, uploaded, () => `${uploaded.id} ${uploaded.urls.get}`);
}

function parseMetadata(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // Explained below.
  }
  throw new UsageError(
    `--metadata takes a JSON object such as '{"project":"demo"}' (got ${text}).`,
  );
}

async function listFiles(context: CommandContext, options: ListingOptions): Promise<void> {
  printItems(context, await takeItems(context.replicate.files.list(), options), {
    none: "No files.",
    columns: [
      { header: "id", value: (file) => file.id },
      { header: "name", value: (file) => file.name ?? "-", maxWidth: 40 },
      { header: "type", value: (file) => file.contentType },
      { header: "size", value: (file) => formatBytes(file.size) },
      { header: "created", value: (file) => formatDate(file.createdAt) },
    ],
  });
}

function printFile(context: CommandContext, file: ReplicateFile): void {
  printRecord(context, file, () => [
    ["id", file.id],
    ["name", file.name],
    ["type", file.contentType],
    ["size", `${formatBytes(file.size)} (${file.size} bytes)`],
    ...Object.entries(file.checksums).map(([algorithm, sum]) => [algorithm, sum] as const),
    ["created", formatDate(file.createdAt)],
    ["expires", file.expiresAt ? formatDate(file.expiresAt) : undefined],
    ["url", file.urls.get],
    ["download", file.urls.download],
    ["metadata", Object.keys(file.metadata).length > 0 ? file.metadata : undefined],
  ]);
}

interface DownloadOptions {
  output?: string;
  owner?: string;
  expiry?: string;
  signature?: string;
}

/** What `files download` was given: an id with signed-URL parameters, or a signed URL. */
function downloadTarget(text: string, options: DownloadOptions): FileDownloadParams {
  const looksLikeUrl = /^[a-z][a-z\d+.-]*:/i.test(text);
  if (looksLikeUrl && !(/^https?:\/\//i.test(text) && URL.canParse(text))) {
    throw new UsageError(
      `${JSON.stringify(text)} is not a valid download URL: pass the whole signed http(s) URL, in quotes, or the file's id with --owner, --expiry and --signature.`,
    );
  }
  const fromUrl = looksLikeUrl ? new URL(text) : undefined;
  const fileId = fromUrl ? /\/files\/([^/]+)\/download$/.exec(fromUrl.pathname)?.[1] : text;
  if (!fileId) {
    throw new UsageError(
      `Expected a file id or a signed download URL ending in /files/<id>/download (got ${JSON.stringify(text)}).`,
    );
  }
  const query = fromUrl?.searchParams;
  const owner = options.owner ?? query?.get("owner") ?? undefined;
  const expiry = options.expiry ?? query?.get("expiry") ?? undefined;
  const signature = options.signature ?? query?.get("signature") ?? undefined;
  if (owner === undefined || expiry === undefined || signature === undefined) {
    throw new UsageError(
      `The API serves file ${fileId} only through a signed download URL: pass that URL in quotes, or --owner, --expiry and --signature.`,
    );
  }
  if (!/^\d+$/.test(expiry)) {
    throw new UsageError(
      `--expiry takes a Unix timestamp in seconds (got ${JSON.stringify(expiry)}).`,
    );
  }
  return { fileId: decodeURIComponent(fileId), owner, expiry: Number(expiry), signature };
}

async function downloadFile(
  context: CommandContext,
  text: string,
  options: DownloadOptions,
): Promise<void> {
  const target = downloadTarget(text, options);
  const file = await context.replicate.files.get({ fileId: target.fileId });
  const fallbackName = basename(file.name ?? "") || file.id;
  // A path ending in a separator, or an existing folder, is a folder to save into.
  const output = options.output === undefined ? undefined : resolve(context.io.cwd, options.output);
  const intoFolder =
    output === undefined || /[\\/]$/.test(options.output ?? "") || (await isDirectory(output));
  const directory = output === undefined ? context.io.cwd : intoFolder ? output : dirname(output);
  const name = intoFolder || output === undefined ? fallbackName : basename(output);
  await mkdir(directory, { recursive: true });
  const response = await context.replicate.files.download(target);
  const display = createDownloadDisplay(context.io);
  let path: string;
  try {
    path = await saveResponse(response, directory, name, display);
  } finally {
    display.stop();
  }
  printResult(context, { id: file.id, path }, () => path);
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
