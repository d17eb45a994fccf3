import { type Clock, createScaledClock } from "./clock";
import type { AccountWire } from "./wire/types";

/** Where the emulator's log lines go. */
export interface EmulatorLogger {
  /** One line per request (`POST /v1/predictions 201 3ms`) and per webhook delivery. */
  info(message: string): void;
  /** Unexpected failures inside the emulator. */
  error(message: string): void;
}

/** Options of {@link createEmulatorApp} and {@link startEmulator}. */
export interface EmulatorOptions {
  /**
   * How many times faster than real time the emulated clock runs. 1 is human pace (a demo);
   * tests use 50–200 so that a model that "takes" 10 s finishes in 50–200 ms.
   * @default 1
   */
  speed?: number;
  /** A clock to use instead of a scaled wall clock (e.g. a {@link ManualClock}); overrides `speed`. */
  clock?: Clock;
  /**
   * API tokens the emulator accepts as `Authorization: Bearer <token>` (or `Token <token>`).
   * By default any non-empty token is accepted.
   */
  tokens?: readonly string[];
  /**
   * Which models to serve: `"builtin"` (the deterministic built-in models) or `"public"` (the
   * built-in models plus Replicate's public catalogue from the optional
   * `all-the-public-replicate-models` package).
   * @default "builtin"
   */
  catalog?: "builtin" | "public";
  /** Largest accepted file upload, in bytes; larger uploads get 413. @default 100 MiB */
  maxFileSize?: number;
  /**
   * The webhook signing secret (`whsec_` + base64), as `GET /webhooks/default/secret` returns it.
   * @default a random secret per emulator
   */
  webhookSecret?: string;
  /** Items per page of every list. @default 100, as the API */
  pageSize?: number;
  /**
   * Emulated milliseconds a prediction or training stays `starting` (queueing, cold boot) before it
   * runs. Raise it to test `Cancel-After` aborting a job that never started.
   * @default 200
   */
  startDelayMs?: number;
  /**
   * Directory in which the emulator makes its own folder for uploaded files (deleted on close).
   * @default the system's temporary directory
   */
  uploadDir?: string;
  /** The account the token belongs to (`GET /account`, owner of new deployments and files). */
  account?: Partial<AccountWire>;
  /**
   * Answer CORS preflights and add `Access-Control-Allow-*` headers, so code in a browser page can
   * call the emulator. (The real API does not allow browser calls; turn this off to match it.)
   * @default true
   */
  cors?: boolean;
  /** Where log lines go. @default errors to `console.error`, nothing else */
  logger?: EmulatorLogger;
  /** Log nothing at all. @default false */
  quiet?: boolean;
}

/** Options of {@link startEmulator}: the app's options plus where to listen. */
export interface StartEmulatorOptions extends EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
}

/** Options with defaults applied and checked. */
export interface ResolvedOptions {
  clock: Clock;
  tokens: ReadonlySet<string> | undefined;
  catalog: "builtin" | "public";
  maxFileSize: number;
  webhookSecret: string | undefined;
  pageSize: number;
  startDelayMs: number;
  uploadDir: string | undefined;
  cors: boolean;
  account: AccountWire;
  logger: EmulatorLogger;
}

const SILENT: EmulatorLogger = { info: () => {}, error: () => {} };
const DEFAULT_LOGGER: EmulatorLogger = { info: () => {}, error: (m) => console.error(m) };

function invalid(message: string): never {
  throw new TypeError(message);
}

/** Applies defaults and checks every option; a bad one throws a TypeError saying how to fix it. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  if (typeof options !== "object" || options === null) {
    invalid("Emulator options must be an object, e.g. { speed: 100 }.");
  }
  const {
    speed = 1,
    clock,
    tokens,
    catalog = "builtin",
    maxFileSize = 100 * 1024 * 1024,
  } = options;
  const { webhookSecret, pageSize = 100, account = {}, logger, quiet = false } = options;
  const { startDelayMs = 200, uploadDir, cors = true } = options;

  if (!(typeof speed === "number" && Number.isFinite(speed) && speed > 0)) {
    invalid(
      `The speed option must be a positive number (1 is real time, tests use 50-200); got ${String(speed)}.`,
    );
  }
  if (
    clock !== undefined &&
    (typeof clock.now !== "function" || typeof clock.setTimer !== "function")
  ) {
    invalid("The clock option must have now() and setTimer() methods, like ManualClock.");
  }
  if (tokens !== undefined) {
    if (!Array.isArray(tokens) || tokens.some((t) => typeof t !== "string" || t.trim() === "")) {
      invalid(
        "The tokens option must be an array of non-empty strings (the API tokens to accept).",
      );
    }
  }
  if (catalog !== "builtin" && catalog !== "public") {
    invalid(`The catalog option must be "builtin" or "public"; got ${JSON.stringify(catalog)}.`);
  }
  if (!(Number.isInteger(maxFileSize) && maxFileSize > 0)) {
    invalid(
      `The maxFileSize option must be a positive whole number of bytes; got ${String(maxFileSize)}.`,
    );
  }
  if (webhookSecret !== undefined) {
    const key = typeof webhookSecret === "string" ? webhookSecret.replace(/^whsec_/, "") : "";
    if (
      typeof webhookSecret !== "string" ||
      !webhookSecret.startsWith("whsec_") ||
      key.length === 0 ||
      Buffer.from(key, "base64").toString("base64").replace(/=+$/, "") !== key.replace(/=+$/, "")
    ) {
      invalid(
        'The webhookSecret option must be "whsec_" followed by base64, as Replicate\'s secrets are.',
      );
    }
  }
  if (!(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 1000)) {
    invalid(`The pageSize option must be a whole number from 1 to 1000; got ${String(pageSize)}.`);
  }
  if (
    logger !== undefined &&
    (typeof logger.info !== "function" || typeof logger.error !== "function")
  ) {
    invalid("The logger option must have info() and error() methods.");
  }
  if (typeof account !== "object" || account === null) {
    invalid('The account option must be an object such as { username: "alice" }.');
  }
  if (account.username !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(account.username)) {
    invalid("The account username must be letters, digits, '-', '_' or '.', e.g. \"alice\".");
  }

  const username = account.username ?? "emulator";
  return {
    clock: clock ?? createScaledClock(speed),
    tokens: tokens ? new Set(tokens) : undefined,
    catalog,
    maxFileSize,
    webhookSecret,
    pageSize,
    startDelayMs,
    uploadDir,
    cors: cors !== false,
    account: {
      type: account.type ?? "user",
      username,
      name: account.name ?? "Replicate Emulator",
      github_url: account.github_url ?? `https://github.com/${username}`,
      ...(account.avatar_url ? { avatar_url: account.avatar_url } : {}),
    },
    logger: quiet ? SILENT : (logger ?? DEFAULT_LOGGER),
  };
}

/** Checks the options of {@link startEmulator} that are about listening. */
export function checkListenOptions(options: StartEmulatorOptions): { port: number; host: string } {
  const { port = 0, host = "127.0.0.1" } = options;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    invalid(
      `The port option must be a whole number from 0 to 65535 (0 picks a free port); got ${String(port)}.`,
    );
  }
  if (typeof host !== "string" || host.trim() === "") {
    invalid(
      `The host option must be a host name or IP address such as "127.0.0.1"; got ${String(host)}.`,
    );
  }
  return { port, host };
}
