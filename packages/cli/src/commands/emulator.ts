import type { Command } from "commander";
import { EMULATOR_TOKEN, loadEmulator } from "../client";
import { examples, globalsOf } from "../command-kit";
import { UsageError } from "../exit-codes";
import type { CliIo } from "../io";
import { stylesFor } from "../terminal";

interface EmulatorCommandOptions {
  port?: string;
  speed?: string;
  quiet?: boolean;
}

/** `replicate-ts emulator`: serves the emulator until Ctrl-C. */
export function registerEmulator(program: Command, io: CliIo): void {
  program
    .command("emulator")
    .description(
      "Start a local emulator of the Replicate API and print its base URL; it runs until Ctrl-C.",
    )
    .option("-p, --port <port>", "TCP port to listen on (0 picks a free one)", "0")
    .option("-s, --speed <factor>", "how many times faster than real time models run", "1")
    .option("-q, --quiet", "do not log each request on stderr")
    .addHelpText(
      "after",
      examples(
        "replicate-ts emulator --port 8787",
        "REPLICATE_BASE_URL=http://127.0.0.1:8787/v1 replicate-ts run replicate/hello-world text=Ada",
      ),
    )
    .action((options: EmulatorCommandOptions, command: Command) =>
      serveEmulator(io, options, globalsOf(command).json === true),
    );
}

async function serveEmulator(
  io: CliIo,
  options: EmulatorCommandOptions,
  json: boolean,
): Promise<void> {
  const port = Number(options.port ?? "0");
  if (!/^\d+$/.test(options.port ?? "0") || port > 65535) {
    throw new UsageError(
      `--port takes a port number from 0 to 65535 (got ${JSON.stringify(options.port)}).`,
    );
  }
  const speed = Number(options.speed ?? "1");
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new UsageError(
      `--speed takes a positive number such as 1 or 50 (got ${JSON.stringify(options.speed)}).`,
    );
  }
  const { startEmulator } = await loadEmulator();
  const emulator = await startEmulator({
    port,
    speed,
    ...(options.quiet
      ? { quiet: true }
      : {
          logger: {
            info: (message: string) => io.stderr.write(`${message}\n`),
            error: (message: string) => io.stderr.write(`${message}\n`),
          },
        }),
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException)?.code === "EADDRINUSE") {
      throw new UsageError(`port ${port} is in use: pick another or use 0 (any free port).`);
    }
    throw error;
  });
  // The base URL alone on stdout (or, with --json, one JSON line), so that scripts can capture it.
  if (json)
    io.stdout.write(`${JSON.stringify({ url: emulator.url, baseUrl: emulator.baseUrl })}\n`);
  else io.stdout.write(`${emulator.baseUrl}\n`);
  const styles = stylesFor(io.stderr, io.env);
  io.stderr.write(
    `${styles.green("✔")} Replicate emulator listening at ${styles.bold(emulator.baseUrl)} (speed ×${speed})\n` +
      `  export REPLICATE_BASE_URL=${emulator.baseUrl} REPLICATE_API_TOKEN=${EMULATOR_TOKEN}\n` +
      "  Any token is accepted. Press Ctrl-C to stop.\n",
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await emulator.close();
  io.stderr.write("Emulator stopped.\n");
}
