import { ApiError, FileExpiredError, isReplicateError } from "replicate-ts";

/** The process exit codes of replicate-ts, one meaning each, so that scripts can branch on them. */
export const ExitCode = {
  /** The command did what was asked. */
  Success: 0,
  /** The prediction (or training) failed, was canceled or aborted. */
  JobUnsuccessful: 1,
  /** The command line or the configuration was wrong; nothing (or nothing harmful) was sent. */
  Usage: 2,
  /** The API answered with an error, or could not be reached. */
  Api: 3,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A mistake in the command line or configuration: exits with {@link ExitCode.Usage}. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A job that ended without success, already reported to the user: exits with
 * {@link ExitCode.JobUnsuccessful} without printing anything more.
 */
export class JobUnsuccessfulError extends Error {
  override name = "JobUnsuccessfulError";
}

/** File-system errors that mean the user named a place the CLI cannot read or write. */
const LOCAL_FILE_ERRORS = new Set([
  "EACCES",
  "EPERM",
  "ENOENT",
  "ENOTDIR",
  "EISDIR",
  "EROFS",
  "EEXIST",
]);

/** The exit code that matches an error thrown while running a command. */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof UsageError) return ExitCode.Usage;
  const { code, syscall } = (error ?? {}) as { code?: unknown; syscall?: unknown };
  if (typeof syscall === "string" && typeof code === "string" && LOCAL_FILE_ERRORS.has(code)) {
    // e.g. an --output-dir that cannot be created: a configuration problem, not the API's.
    return ExitCode.Usage;
  }
  if (error instanceof JobUnsuccessfulError) return ExitCode.JobUnsuccessful;
  if (isReplicateError(error)) {
    switch (error.name) {
      case "ModelError":
      case "AbortError":
        return ExitCode.JobUnsuccessful;
      case "InvalidArgumentError":
      case "MissingApiKeyError":
        return ExitCode.Usage;
      default:
        return ExitCode.Api;
    }
  }
  return ExitCode.Api;
}

/** One or two lines for stderr that say what went wrong; never contains the token. */
export function describeError(error: unknown): string {
  // A file output that is gone: the SDK's message says why (Replicate deletes them after an hour).
  if (error instanceof FileExpiredError) return error.message;
  if (error instanceof ApiError || (isReplicateError(error) && "statusCode" in error)) {
    const apiError = error as ApiError;
    const what = apiError.detail ?? apiError.title ?? "no detail given";
    const status = `${apiError.statusCode}${apiError.title ? ` ${apiError.title}` : ""}`;
    return `API error ${status}: ${what}\n  (${apiError.method} ${pathOf(apiError.url)})`;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
