import { Replicate } from "replicate-ts";
import { UsageError } from "./exit-codes";
import type { CliIo } from "./io";
import { CLI_VERSION } from "./version";

/** The global options that say which API to talk to and as whom. */
export interface ConnectionOptions {
  /** `--token`; else `REPLICATE_API_TOKEN`. */
  token?: string | undefined;
  /** `--base-url`; else `REPLICATE_BASE_URL`. */
  baseUrl?: string | undefined;
  /** `--emulator`: start an emulator in this process and talk to it. */
  emulator?: boolean | undefined;
}

/** A client ready to use, and how to release what was started for it. */
export interface OpenClient {
  replicate: Replicate;
  /** The token in use, if any (only ever sent to the API's own origin). */
  token: string | undefined;
  /** Stops the in-process emulator, if one was started. */
  close(): Promise<void>;
}

/** The token sent to an emulator when the user gave none: the emulator accepts any token. */
export const EMULATOR_TOKEN = "r8_emulator_local_token";

/** How to fix a missing token, in one line. */
export const MISSING_TOKEN_MESSAGE =
  "No API token: set REPLICATE_API_TOKEN (e.g. export REPLICATE_API_TOKEN=r8_...) or pass --token, or add --emulator to use a local emulator.";

/**
 * Builds the client from the flags and the environment. With no token and no base URL it throws
 * a {@link UsageError}: there is nothing useful it could talk to.
 */
export async function openClient(options: ConnectionOptions, io: CliIo): Promise<OpenClient> {
  const token = nonEmpty(options.token) ?? nonEmpty(io.env.REPLICATE_API_TOKEN);
  const flagUrl = nonEmpty(options.baseUrl);
  const baseUrl = flagUrl ?? nonEmpty(io.env.REPLICATE_BASE_URL);
  if (baseUrl !== undefined && !options.emulator) {
    checkBaseUrl(baseUrl, flagUrl !== undefined ? "--base-url" : "REPLICATE_BASE_URL");
  }
  if (options.emulator) {
    const { startEmulator } = await loadEmulator();
    const emulator = await startEmulator({ port: 0, quiet: true });
    const emulatorToken = token ?? EMULATOR_TOKEN;
    const replicate = createClient(emulatorToken, emulator.baseUrl);
    return { replicate, token: emulatorToken, close: () => emulator.close() };
  }
  if (token === undefined && baseUrl === undefined) throw new UsageError(MISSING_TOKEN_MESSAGE);
  return { replicate: createClient(token, baseUrl), token, close: async () => {} };
}

/** A client with the CLI's settings: no log output of its own (the CLI reports errors itself). */
export function createClient(token: string | undefined, baseUrl: string | undefined): Replicate {
  try {
    return new Replicate({
      auth: token,
      baseUrl,
      logLevel: "off",
      // Quicker than the SDK default (500 ms), so that the display follows logs closely.
      pollingInterval: 250,
      userAgent: `replicate-ts-cli/${CLI_VERSION}`,
    });
  } catch (error) {
    // The SDK explains what was wrong with the option (a malformed base URL, say).
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Checks the API base URL before the SDK sees it, naming where it came from. */
function checkBaseUrl(url: string, source: string): void {
  if (!/^https?:\/\/[^/\s]+/i.test(url) || !URL.canParse(url)) {
    throw new UsageError(
      `${source} must be an http(s) URL such as https://api.replicate.com/v1 (got ${JSON.stringify(url)}).`,
    );
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Loads the emulator only when a command needs it, so that other commands start faster. */
export function loadEmulator(): Promise<typeof import("@replicate-ts/emulator")> {
  return import("@replicate-ts/emulator");
}
