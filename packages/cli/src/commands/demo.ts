import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { createClient, EMULATOR_TOKEN, loadEmulator } from "../client";
import { type CommandContext, examples, globalsOf } from "../command-kit";
import { UsageError } from "../exit-codes";
import { formatDuration } from "../format";
import type { CliIo } from "../io";
import { stylesFor } from "../terminal";
import { listPredictions } from "./predictions";
import { runModel } from "./run";

interface DemoOptions {
  speed?: string;
  outputDir?: string;
}

/** `replicate-ts demo`: a short offline tour against an emulator started in this process. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description(
      "Take a short offline tour: start an emulator in this process, run a model, stream tokens, save a generated PNG and list the predictions.",
    )
    .option("-s, --speed <factor>", "how many times faster than real time the models run", "1")
    .option("-o, --output-dir <dir>", "where to save the PNG (default: a new temporary folder)")
    .addHelpText(
      "after",
      examples("replicate-ts demo", "replicate-ts demo --speed 5 -o demo-output"),
    )
    .action((options: DemoOptions, command: Command) => {
      if (globalsOf(command).json) {
        throw new UsageError(
          "demo is a guided tour for people and prints no JSON: leave out --json (each command it shows takes --json).",
        );
      }
      return runDemo(io, options);
    });
}

async function runDemo(io: CliIo, options: DemoOptions): Promise<void> {
  const speed = Number(options.speed ?? "1");
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new UsageError(
      `--speed takes a positive number such as 1 or 5 (got ${JSON.stringify(options.speed)}).`,
    );
  }
  const started = performance.now();
  const out = stylesFor(io.stdout, io.env);
  const say = (text = "") => io.stdout.write(`${text}\n`);
  const step = (number: number, title: string, command: string) => {
    say();
    say(`${out.bold(out.cyan(`${number}/4`))} ${out.bold(title)}`);
    say(out.dim(`  $ ${command}`));
  };

  say(out.bold("replicate-ts demo"));
  say("A tour of the command line against a Replicate emulator running in this process.");
  say("Everything stays on this machine: no network, no account, no token.");

  const { startEmulator } = await loadEmulator();
  const emulator = await startEmulator({ port: 0, speed, quiet: true });
  let temporaryDir: string | undefined;
  try {
    say(out.dim(`Emulator listening at ${emulator.baseUrl}`));
    const context: CommandContext = {
      replicate: createClient(EMULATOR_TOKEN, emulator.baseUrl),
      token: EMULATOR_TOKEN,
      globals: {},
      io,
      out,
      err: stylesFor(io.stderr, io.env),
    };
    // Without -o the PNG goes to a temporary folder, removed when the tour ends.
    temporaryDir = options.outputDir
      ? undefined
      : await mkdtemp(join(tmpdir(), "replicate-ts-demo-"));
    const outputDir = temporaryDir ?? resolve(io.cwd, options.outputDir!);

    step(
      1,
      "Run a model and print its output",
      "replicate-ts run replicate/hello-world text=world",
    );
    await runModel(context, "replicate/hello-world", ["text=world"], {});

    step(
      2,
      "Stream tokens from a language model as they are generated",
      'replicate-ts run replicate-ts/stream-text prompt="What is an emulator?" max_tokens=24 --stream',
    );
    await runModel(
      context,
      "replicate-ts/stream-text",
      ["prompt=What is an emulator?", "max_tokens=24"],
      { stream: true },
    );

    step(
      3,
      "Generate an image, watch its progress and save it",
      `replicate-ts run replicate-ts/draw-png prompt="a lighthouse at dawn" num_inference_steps=20 -o ${outputDir}`,
    );
    await runModel(
      context,
      "replicate-ts/draw-png",
      ["prompt=a lighthouse at dawn", "num_inference_steps=20"],
      { outputDir },
    );

    step(4, "List the predictions just made", "replicate-ts predictions list");
    await listPredictions(context, {});

    say();
    say(`${out.green("✔")} Tour finished in ${formatDuration(performance.now() - started)}.`);
    say("Next:");
    say(
      `  ${out.dim("$")} replicate-ts emulator --port 8787          ${out.dim("# keep an emulator running")}`,
    );
    say(`  ${out.dim("$")} replicate-ts --emulator models schema replicate-ts/draw-png`);
    say(
      `  ${out.dim("$")} REPLICATE_API_TOKEN=r8_... replicate-ts run <owner/model> key=value ...`,
    );
    if (temporaryDir) {
      say(
        out.dim(
          `(The PNG went to a temporary folder, removed as the tour ends: add -o <dir> to keep it.)`,
        ),
      );
    }
  } finally {
    await emulator.close();
    if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
  }
}
