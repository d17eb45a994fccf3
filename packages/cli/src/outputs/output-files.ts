import { FileExpiredError, FileOutput, isFileUrl, type Prediction } from "replicate-ts";
import type { CommandContext } from "../command-kit";

/**
 * A file in a model's output that can be downloaded: the SDK's `FileOutput` (what `run()`
 * returns), or a {@link UrlFile} for outputs read from a prediction's JSON.
 */
export interface DownloadableFile {
  /** Where the file is: an http(s) URL or a data URI. */
  readonly url: string;
  /** Starts the download; rejects with the SDK's `FileExpiredError` on 404 or 410. */
  response(options?: { signal?: AbortSignal | undefined }): Promise<Response>;
}

/** The downloadable files in an output (at any depth of arrays and objects), in order, once each. */
export function filesIn(output: unknown): DownloadableFile[] {
  const found = new Map<string, DownloadableFile>();
  const visit = (value: unknown) => {
    if (value instanceof FileOutput || value instanceof UrlFile) {
      if (!found.has(value.url)) found.set(value.url, value);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === "object" && value !== null) {
      Object.values(value).forEach(visit);
    }
  };
  visit(output);
  return [...found.values()];
}

/** Who may receive the API token with a download: only the API's own origin. */
export interface FileAccess {
  /** The API's base URL. */
  baseUrl: string;
  token: string | undefined;
}

/**
 * A file URL of a prediction read from the API (`predictions watch`, `run --stream`), where
 * `run()`'s `FileOutput`s are not at hand: the SDK offers no public way to make one for a URL
 * (its constructor needs the client's internal HTTP core). Downloads follow the SDK's rule: the
 * token goes only to the API's own origin (the Files API), never to a file host such as
 * replicate.delivery.
 */
export class UrlFile implements DownloadableFile {
  readonly url: string;
  readonly #access: FileAccess;

  constructor(url: string, access: FileAccess) {
    this.url = url;
    this.#access = access;
  }

  async response(options: { signal?: AbortSignal | undefined } = {}): Promise<Response> {
    const response = await fetch(this.url, {
      headers: { Accept: "*/*", ...authorizationFor(this.url, this.#access) },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (response.ok) return response;
    await response.body?.cancel();
    if (response.status === 404 || response.status === 410) {
      throw new FileExpiredError(this.url, response.status);
    }
    throw new Error(`Could not download ${describeUrl(this.url)}: HTTP ${response.status}.`);
  }

  toString(): string {
    return this.url;
  }

  toJSON(): string {
    return this.url;
  }
}

/** The file outputs of a prediction read from the API (not from `run()`), ready to download. */
export function outputFilesOf(context: CommandContext, prediction: Prediction): DownloadableFile[] {
  const access = { baseUrl: context.replicate.baseUrl, token: context.token };
  return filesIn(wrapFileUrls(prediction.output, access));
}

/** The output with each file URL (as the SDK recognises them) wrapped in a {@link UrlFile}. */
export function wrapFileUrls(output: unknown, access: FileAccess): unknown {
  if (typeof output === "string") return isFileUrl(output) ? new UrlFile(output, access) : output;
  if (Array.isArray(output)) return output.map((item) => wrapFileUrls(item, access));
  if (typeof output === "object" && output !== null) {
    return Object.fromEntries(
      Object.entries(output).map(([key, value]) => [key, wrapFileUrls(value, access)]),
    );
  }
  return output;
}

/** Replaces each file URL in `output` by what `replacement` maps it to (its saved path). */
export function replaceFileUrls(
  output: unknown,
  replacement: ReadonlyMap<string, string>,
): unknown {
  if (typeof output === "string") return replacement.get(output) ?? output;
  if (Array.isArray(output)) return output.map((item) => replaceFileUrls(item, replacement));
  if (typeof output === "object" && output !== null) {
    return Object.fromEntries(
      Object.entries(output).map(([key, value]) => [key, replaceFileUrls(value, replacement)]),
    );
  }
  return output;
}

function authorizationFor(url: string, access: FileAccess): Record<string, string> {
  if (access.token === undefined || !/^https?:/i.test(url)) return {};
  const sameOrigin = new URL(url).origin === new URL(access.baseUrl).origin;
  return sameOrigin ? { Authorization: `Bearer ${access.token}` } : {};
}

/** A URL for a message: without its query (which may hold a signature), or "a data URI". */
export function describeUrl(url: string): string {
  return url.startsWith("data:") ? "a data URI" : (url.split("?")[0] ?? url);
}
