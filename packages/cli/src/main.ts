import { CommanderError } from "commander";
import { describeError, ExitCode, exitCodeFor, JobUnsuccessfulError } from "./exit-codes";
import { type CliIo, processIo } from "./io";
import { createProgram } from "./program";
import { stylesFor } from "./terminal";

/**
 * Runs the command line `args` (without `node` and the script) and resolves to the exit code.
 * Every error ends here: it is described on stderr in a line or two and mapped to its code.
 */
export async function main(args: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: "user" });
    return ExitCode.Success;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the help, the version or what was wrong.
      return error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
    }
    if (!(error instanceof JobUnsuccessfulError)) {
      const styles = stylesFor(io.stderr, io.env);
      io.stderr.write(`${styles.red("Error:")} ${describeError(error)}\n`);
    }
    return exitCodeFor(error);
  }
}
