import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const binPath = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

/** The newest modification time of a file, or of anything in a folder (0 when missing). */
function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(
    stats.mtimeMs,
    ...readdirSync(path).map((entry) => newestModification(join(path, entry))),
  );
}

/** Whether dist/bin.js was built after the last change to the package's sources. */
function builtFromCurrentSources(): boolean {
  const sources = Math.max(
    newestModification(join(packageDir, "src")),
    newestModification(join(packageDir, "package.json")),
    newestModification(join(packageDir, "tsdown.config.ts")),
  );
  return newestModification(binPath) > sources;
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error("no stdout"));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      lines.close();
      resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

describe("the built replicate-ts-emulator command", () => {
  beforeAll(async () => {
    // Test the package as it ships, built from the current sources. `npm test` has just built
    // it, so build again only when it is stale: a build empties dist/ first, which would pull it
    // from under the CLI's tests, whose binary loads the emulator from there at the same time.
    if (builtFromCurrentSources()) return;
    await promisify(execFile)("npx", ["tsdown"], { cwd: packageDir });
  }, 120_000);

  test("prints the base URL on its first line, serves the API, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [binPath, "--port", "0", "--speed", "100", "--quiet"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const baseUrl = await firstLine(child);
      expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const response = await fetch(`${baseUrl}/predictions`, {
        method: "POST",
        headers: { authorization: "Bearer t", "content-type": "application/json", prefer: "wait" },
        body: JSON.stringify({ version: "replicate/hello-world", input: { text: "shell" } }),
      });
      expect(((await response.json()) as { output: string }).output).toBe("hello shell");
      const exited = exitOf(child);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  test("a bad option exits 2 with a message and the usage", async () => {
    const child = spawn(process.execPath, [binPath, "--port", "eighty"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toContain('--port must be a number; got "eighty".');
    expect(stderr).toContain("Usage: replicate-ts-emulator");
  });
});
