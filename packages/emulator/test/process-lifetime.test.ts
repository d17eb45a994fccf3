import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

interface ChildResult {
  /** The exit code, or null when the child had to be killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs one of the scripts in `children/` (TypeScript, through tsx) in its own Node process and
 * waits for it to exit by itself; after `limitMs` it is killed and `code` is null.
 */
function runChild(script: string, limitMs: number): Promise<ChildResult> {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", path], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.once("exit", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

// Each test waits on its own child process, so they may run side by side.
describe.concurrent("the emulator and the life of its process", () => {
  test("in process, a script that awaits a Prefer: wait answer and a stream runs to the end", async () => {
    const result = await runChild("in-process-wait.ts", 15_000);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("wait: 201 hello in process\nstream: done\n");
    expect(result.code).toBe(0);
  });

  test("after close() nothing keeps the process alive: waits, streams, webhooks, fault delays", async () => {
    // The pending work would last 60-100 s; the process must end long before that.
    const result = await runChild("close-releases.ts", 10_000);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [outcomes, last] = result.stdout.trim().split("\n");
    expect(last).toBe("closed");
    const settled = JSON.parse(outcomes ?? "{}") as Record<string, string>;
    // Every pending request settled: answered, or failed as a cut connection.
    expect(Object.keys(settled).sort()).toEqual(
      ["delayed", "inProcess", "inProcessDelayed", "reading", "waiting"].sort(),
    );
  });

  test("starting and closing a server leaves the host's Request and Response alone", async () => {
    const result = await runChild("globals.ts", 15_000);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ afterStart: true, afterClose: true, status: 200 });
  });
});
