import { resolve } from "node:path";
import { type CommandContext, parseDuration } from "../command-kit";
import { UsageError } from "../exit-codes";

/** Options of `replicate-ts run`, as commander gives them. */
export interface RunCommandOptions {
  /** `--wait N` as typed, or `false` for `--no-wait`. */
  wait?: string | false | undefined;
  outputDir?: string | undefined;
  /** `false` for `--no-download`. */
  download?: boolean | undefined;
  cancelAfter?: string | undefined;
  stream?: boolean | undefined;
}

/** What `run` will do, from its options, checked before anything is sent. */
export interface RunPlan {
  /** Follow the prediction to its end, print its text as it comes, or only create it. */
  flow: "follow" | "stream" | "create-only";
  /** `--wait N`: seconds of `Prefer: wait` before polling; `undefined` polls from the start. */
  wait: number | undefined;
  /** `--cancel-after`, e.g. `5m`. */
  cancelAfter: string | undefined;
  /** Where file outputs are saved; `undefined` leaves them as URLs. */
  outputDirectory: string | undefined;
}

/** Checks `run`'s options and says what it will do. */
export function planRun(context: CommandContext, options: RunCommandOptions): RunPlan {
  const wait = parseWait(options.wait);
  if (options.stream && (wait === false || context.globals.json)) {
    throw new UsageError("--stream prints text as it arrives: leave out --no-wait and --json.");
  }
  // Under --json, stdout is for the JSON: files are saved only into a folder asked for.
  const keepsUrls =
    options.download === false || (context.globals.json && options.outputDir === undefined);
  return {
    flow: wait === false ? "create-only" : options.stream ? "stream" : "follow",
    wait: wait === false ? undefined : wait,
    cancelAfter:
      options.cancelAfter === undefined
        ? undefined
        : parseDuration(options.cancelAfter, "--cancel-after"),
    outputDirectory: keepsUrls ? undefined : resolve(context.io.cwd, options.outputDir ?? "."),
  };
}

/** `--wait N` (1-60), `--no-wait` (false), or neither (undefined: poll from the start). */
function parseWait(wait: string | false | undefined): number | false | undefined {
  if (wait === undefined || wait === false) return wait;
  if (!/^\d+$/.test(wait.trim()) || Number(wait) < 1 || Number(wait) > 60) {
    throw new UsageError(
      `--wait takes a whole number of seconds from 1 to 60 (got ${JSON.stringify(wait)}).`,
    );
  }
  return Number(wait);
}
