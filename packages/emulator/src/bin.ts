#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

const USAGE = `Usage: replicate-ts-emulator [--port 8787] [--host 127.0.0.1] [--speed 1] [--token T ...] [--quiet]

Runs a local emulator of the Replicate HTTP API and prints its base URL on the first line.
  --port, -p   TCP port (0 picks a free one)         default 8787
  --host       interface to listen on                default 127.0.0.1
  --speed      emulated clock speed (1 = real time)  default 1
  --token      an API token to accept (repeatable)   default: any token
  --catalog    builtin | public                      default builtin
  --quiet, -q  no request log on stderr`;

function fail(message: string): never {
  process.stderr.write(`replicate-ts-emulator: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parseNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number))
    fail(`--${name} must be a number; got ${JSON.stringify(value)}.`);
  return number;
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>["values"];
  function parse() {
    return parseArgs({
      options: {
        port: { type: "string", short: "p" },
        host: { type: "string" },
        speed: { type: "string" },
        token: { type: "string", multiple: true },
        catalog: { type: "string" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
  }
  try {
    values = parse().values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const quiet = values.quiet ?? false;
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      port: parseNumber("port", values.port, 8787),
      host: values.host ?? "127.0.0.1",
      speed: parseNumber("speed", values.speed, 1),
      ...(values.token ? { tokens: values.token } : {}),
      ...(values.catalog ? { catalog: values.catalog as "builtin" | "public" } : {}),
      quiet,
      logger: {
        info: (message) => process.stderr.write(`${message}\n`),
        error: (message) => process.stderr.write(`${message}\n`),
      },
    });
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  process.stdout.write(`${emulator.baseUrl}\n`);
  if (!quiet) process.stderr.write(`Replicate emulator listening; stop with Ctrl-C.\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!quiet) process.stderr.write(`${signal}: shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `replicate-ts-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
