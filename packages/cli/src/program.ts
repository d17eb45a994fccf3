import { Command, Option } from "commander";
import { examples } from "./command-kit";
import { registerAccount } from "./commands/account";
import { registerCollections } from "./commands/collections";
import { registerDemo } from "./commands/demo";
import { registerDeployments } from "./commands/deployments";
import { registerEmulator } from "./commands/emulator";
import { registerFiles } from "./commands/files";
import { registerModels } from "./commands/models";
import { registerPredictions } from "./commands/predictions";
import { registerRun } from "./commands/run";
import { registerTrainings } from "./commands/trainings";
import type { CliIo } from "./io";
import { stylesFor } from "./terminal";
import { CLI_VERSION } from "./version";

/**
 * The `replicate-ts` command line: global options, then one group of commands per file under
 * `commands/`. Errors are not handled here but thrown to `main()`, which maps them to exit codes.
 */
export function createProgram(io: CliIo): Command {
  const errorStyles = stylesFor(io.stderr, io.env);
  const program = new Command("replicate-ts")
    .description(
      "Run models and manage predictions, models, deployments, files and trainings on Replicate (or on a local emulator).",
    )
    .version(CLI_VERSION, "-v, --version", "print the version")
    .addOption(new Option("--token <token>", "API token (default: $REPLICATE_API_TOKEN)"))
    .addOption(
      new Option(
        "--base-url <url>",
        "API base URL (default: $REPLICATE_BASE_URL or https://api.replicate.com/v1)",
      ),
    )
    .option("--emulator", "run against a local emulator started in this process (no token needed)")
    .option("--json", "print machine-readable JSON on stdout and nothing else there")
    // Settings made before .command() are inherited by every subcommand.
    .exitOverride()
    .showHelpAfterError("(add --help for usage and examples)")
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(errorStyles.red(text)),
    })
    .addHelpText(
      "after",
      `${examples(
        "replicate-ts demo",
        "replicate-ts --emulator run replicate/hello-world text=Alice",
        'REPLICATE_API_TOKEN=r8_... replicate-ts run black-forest-labs/flux-schnell prompt="a fox"',
      )}
Exit codes: 0 success, 1 the prediction failed or was canceled, 2 usage or configuration error, 3 API error, 130 a second Ctrl-C.
`,
    );
  registerRun(program, io);
  registerPredictions(program, io);
  registerModels(program, io);
  registerCollections(program, io);
  registerDeployments(program, io);
  registerFiles(program, io);
  registerTrainings(program, io);
  registerAccount(program, io);
  registerEmulator(program, io);
  registerDemo(program, io);
  return program;
}
