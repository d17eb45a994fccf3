/** Severity of a log line; `off` silences the client. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

/** Anything with console-like methods. */
export interface Logger {
  /** Each request and answer, with its timing. */
  debug(message: string, ...details: unknown[]): void;
  /** Notable events. */
  info(message: string, ...details: unknown[]): void;
  /** Retries, reconnections and cancels that failed: the call itself may still succeed. */
  warn(message: string, ...details: unknown[]): void;
  /** Failures. */
  error(message: string, ...details: unknown[]): void;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: 100 };

/** Whether `value` is a log level name. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && value in SEVERITY;
}

/**
 * A logger that drops lines below `level` and removes the secret from every line it passes on,
 * so that no log line ever carries the API token, whatever a caller or the API put in it.
 */
export function createLogger(
  target: Logger,
  level: LogLevel,
  redact: (text: string) => string,
): Logger {
  const emit =
    (method: Exclude<LogLevel, "off">) =>
    (message: string, ...details: unknown[]) => {
      if (SEVERITY[method] < SEVERITY[level]) return;
      target[method](redact(message), ...details.map((detail) => redactDetail(detail, redact)));
    };
  return { debug: emit("debug"), info: emit("info"), warn: emit("warn"), error: emit("error") };
}

function redactDetail(detail: unknown, redact: (text: string) => string): unknown {
  if (typeof detail === "string") return redact(detail);
  if (detail instanceof Error) return redact(`${detail.name}: ${detail.message}`);
  if (typeof detail === "object" && detail !== null) {
    try {
      return JSON.parse(redact(JSON.stringify(detail)));
    } catch {
      return "[unserializable]";
    }
  }
  return detail;
}

/** Builds a function that replaces every occurrence of `secret` with a marker. */
export function createRedactor(secret: string | undefined): (text: string) => string {
  if (!secret) return (text) => text;
  return (text) => text.split(secret).join("[REDACTED]");
}
