import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const cliRoot = fileURLToPath(new URL("../..", import.meta.url));
const repoRoot = join(cliRoot, "..", "..");

/**
 * The built binary the tests run, as a user would. `CLI_TEST_BIN` points the tests at another
 * build (e.g. of an older commit, to see a new test fail there); it is then used as it is.
 */
export const CLI_BIN = process.env.CLI_TEST_BIN ?? join(cliRoot, "dist", "bin.js");

function newestModification(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(path).map((entry) => newestModification(join(path, entry))),
  );
}

function cliIsFresh(): boolean {
  if (!existsSync(CLI_BIN)) return false;
  const built = statSync(CLI_BIN).mtimeMs;
  const sources = Math.max(
    newestModification(join(cliRoot, "src")),
    newestModification(join(cliRoot, "tsdown.config.ts")),
  );
  return built >= sources;
}

/**
 * Makes sure `dist/bin.js` is built from the current sources: `npm test` builds every package
 * first, but `npx vitest run packages/cli` right after editing the CLI should not test a stale
 * binary. Several test files may call this at once, so the build runs under a lock folder.
 */
export async function ensureCliBuilt(): Promise<void> {
  if (process.env.CLI_TEST_BIN) return;
  for (const dependency of ["replicate/dist/node.js"]) {
    if (!existsSync(join(repoRoot, "packages", dependency))) {
      throw new Error(
        `packages/${dependency} is missing: the CLI binary runs on the built packages. Run \`npm run build\` at the repository root first.`,
      );
    }
  }
  if (cliIsFresh()) return;
  const lock = join(cliRoot, "node_modules", ".cli-build.lock");
  mkdirSync(dirname(lock), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
      // A build that crashed may have left its lock behind.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 60_000) {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  }
  try {
    if (!cliIsFresh()) {
      const tsdown = join(repoRoot, "node_modules", "tsdown", "dist", "run.mjs");
      const result = await runProcess(process.execPath, [tsdown, "--log-level", "error"], {
        cwd: cliRoot,
      });
      if (result.code !== 0) throw new Error(`Building the CLI failed:\n${result.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** What a finished process printed and how it exited. */
export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** Called once the process has started, e.g. to send it a signal later. */
  onSpawn?: (child: import("node:child_process").ChildProcess) => void;
  /** Called with all of stdout so far, each time more arrives. */
  onStdout?: (stdout: string) => void;
  /** Called with all of stderr so far, each time more arrives. */
  onStderr?: (stderr: string) => void;
}

function runProcess(command: string, args: string[], options: RunOptions = {}) {
  return new Promise<ProcessResult>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env as NodeJS.ProcessEnv | undefined,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(stderr);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    options.onSpawn?.(child);
  });
}

/** A clean environment: no token, no base URL, no colour settings from the developer's shell. */
export function baseEnv(extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "SYSTEMROOT"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

/** Runs `replicate-ts <args>` (the built binary) and collects its output. */
export function runCli(args: string[], options: RunOptions = {}): Promise<ProcessResult> {
  return runProcess(process.execPath, [CLI_BIN, ...args], {
    ...options,
    env: options.env ?? baseEnv(),
  });
}

/** A `replicate-ts` process started by {@link startCli}, still running or not. */
export interface RunningCli {
  readonly child: import("node:child_process").ChildProcess;
  /** What it has printed so far. */
  readonly stdout: string;
  readonly stderr: string;
  /** Settles once the process has exited. */
  readonly result: Promise<ProcessResult>;
  /**
   * Resolves with the first value other than `undefined` that `check` returns (checked as output
   * arrives and every 50 ms). Rejects at once if the process exits first, and after `timeout` ms;
   * either way the error says what the process printed.
   */
  waitFor<T>(
    check: () => T | undefined | Promise<T | undefined>,
    what: string,
    timeout?: number,
  ): Promise<T>;
}

/** Starts `replicate-ts <args>` (the built binary) and returns at once, to interact with it. */
export function startCli(args: string[], options: RunOptions = {}): RunningCli {
  let child: import("node:child_process").ChildProcess | undefined;
  let stdout = "";
  let stderr = "";
  let exited = false;
  const result = runCli(args, {
    ...options,
    onSpawn: (spawned) => {
      child = spawned;
      options.onSpawn?.(spawned);
    },
    onStdout: (text) => {
      stdout = text;
      options.onStdout?.(text);
    },
    onStderr: (text) => {
      stderr = text;
      options.onStderr?.(text);
    },
  });
  void result.then(
    () => {
      exited = true;
    },
    () => {
      exited = true;
    },
  );
  const describe = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  return {
    get child() {
      if (!child) throw new Error("The process has not started.");
      return child;
    },
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    result,
    async waitFor(check, what, timeout = 10_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (exited) {
          const { code, signal } = await result;
          throw new Error(
            `replicate-ts ${args.join(" ")} exited (code ${code}, signal ${signal}) before ${what}.\n${describe()}`,
          );
        }
        if (Date.now() > deadline) {
          throw new Error(`Timed out after ${timeout} ms waiting for ${what}.\n${describe()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}
