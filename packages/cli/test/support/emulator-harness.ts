import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningEmulator, startEmulator } from "@replicate-ts/emulator";
import Replicate from "replicate-ts";
import { afterAll, beforeAll } from "vitest";
import {
  baseEnv,
  ensureCliBuilt,
  type ProcessResult,
  type RunningCli,
  runCli,
  startCli,
} from "./cli-binary";

/** The token the harness's CLI processes and SDK client send. */
export const TOKEN = "r8_cli_test_token";

/** What a test file gets from {@link useEmulatorHarness}, ready inside its tests. */
export interface EmulatorHarness {
  readonly emulator: RunningEmulator;
  /** An SDK client of the emulator, to arrange and check state. */
  readonly replicate: Replicate;
  /** A temporary folder, the CLI's working folder; removed after the file's tests. */
  readonly workDir: string;
  /** The environment that points the CLI at the emulator, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Runs the CLI against the emulator to its end. */
  cli(args: string[], extraEnv?: Record<string, string>): Promise<ProcessResult>;
  /** Starts the CLI against the emulator, to interact with it while it runs. */
  start(args: string[], extraEnv?: Record<string, string>): RunningCli;
}

/**
 * Builds the CLI if needed and starts an emulator (fast clock: a model that takes 10 emulated
 * seconds takes 0.2 s at speed 50) for the tests of one file, with a working folder.
 */
export function useEmulatorHarness(speed = 50): EmulatorHarness {
  let emulator: RunningEmulator | undefined;
  let replicate: Replicate | undefined;
  let workDir: string | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("The harness is ready only inside tests.");
    return value;
  };

  beforeAll(async () => {
    await ensureCliBuilt();
    emulator = await startEmulator({ port: 0, speed, quiet: true });
    replicate = new Replicate({ auth: TOKEN, baseUrl: emulator.baseUrl });
    workDir = await mkdtemp(join(tmpdir(), "replicate-ts-cli-test-"));
  }, 60_000);

  afterAll(async () => {
    await emulator?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  const harness: EmulatorHarness = {
    get emulator() {
      return ready(emulator);
    },
    get replicate() {
      return ready(replicate);
    },
    get workDir() {
      return ready(workDir);
    },
    env: (extra = {}) =>
      baseEnv({
        REPLICATE_API_TOKEN: TOKEN,
        REPLICATE_BASE_URL: harness.emulator.baseUrl,
        ...extra,
      }),
    cli: (args, extraEnv) => runCli(args, { cwd: harness.workDir, env: harness.env(extraEnv) }),
    start: (args, extraEnv) => startCli(args, { cwd: harness.workDir, env: harness.env(extraEnv) }),
  };
  return harness;
}
