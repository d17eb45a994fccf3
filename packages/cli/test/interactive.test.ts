import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN, type RunningEmulator, startEmulator } from "@replicate-ts/emulator";
import Replicate from "replicate-ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CLI_BIN, ensureCliBuilt } from "./support/cli-binary";

/** The interactive display needs a real terminal: tmux gives the CLI one and lets us read it. */
const hasTmux = (() => {
  try {
    execFileSync("tmux", ["-V"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

// Skipped on a developer machine without tmux; in CI (which installs it) a missing tmux fails.
const runsHere = hasTmux || Boolean(process.env.CI);

// A server of our own, so that the test never touches the developer's tmux sessions.
const SOCKET = `replicate-ts-cli-test-${process.pid}`;
const TOKEN = "r8_interactive_test";
let emulator: RunningEmulator;
let replicate: Replicate;

function tmux(...args: string[]): string {
  return execFileSync("tmux", ["-L", SOCKET, ...args], { encoding: "utf8" });
}

/**
 * Starts `replicate-ts <args>` in a new 100x24 terminal, in `cwd`; the pane stays open after it
 * exits. `env` adds to (or, with "", empties) the environment.
 */
function startInTerminal(
  session: string,
  args: string[],
  env: Record<string, string> = {},
  cwd = process.cwd(),
): void {
  const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  const command = [
    "cd",
    quote(cwd),
    "&&",
    "env",
    `REPLICATE_API_TOKEN=${TOKEN}`,
    `REPLICATE_BASE_URL=${emulator.baseUrl}`,
    ...Object.entries({ NO_COLOR: "", ...env }).map(([name, value]) => quote(`${name}=${value}`)),
    quote(process.execPath),
    quote(CLI_BIN),
    ...args.map(quote),
  ].join(" ");
  tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "100",
    "-y",
    "24",
    `${command}; echo EXIT=$?; sleep 60`,
  );
}

/** What the terminal shows now; with `styles`, its colours and attributes as ANSI sequences. */
function screen(session: string, styles = false): string {
  // -J joins lines the terminal wrapped, so that a long line reads as one.
  return tmux("capture-pane", "-p", "-J", ...(styles ? ["-e"] : []), "-t", session);
}

/** An ANSI colour or style sequence (ESC [ ... m). */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[\\d+(;\\d+)*m`);

/** Waits until the screen matches, and returns that screen. */
function waitForScreen(session: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  return vi.waitFor(
    () => {
      const shown = screen(session);
      if (!pattern.test(shown)) throw new Error(`Screen never matched ${pattern}:\n${shown}`);
      return shown;
    },
    { timeout, interval: 50 },
  );
}

describe.skipIf(!runsHere)("the interactive display, in a real terminal (tmux)", () => {
  beforeAll(async () => {
    await ensureCliBuilt();
    // Ten times real time: a 40-second model runs for 4 seconds, long enough to watch.
    emulator = await startEmulator({ port: 0, speed: 10, quiet: true });
    replicate = new Replicate({ auth: TOKEN, baseUrl: emulator.baseUrl });
  }, 60_000);

  afterAll(async () => {
    try {
      tmux("kill-server");
    } catch {
      // No session was started.
    }
    await emulator?.close();
  });

  it("shows a spinner with status and elapsed time, and scrolls log lines above it", async () => {
    // 40 emulated seconds (4 s here): time enough to see it run even on a loaded machine.
    startInTerminal("spinner", ["run", BUILTIN.fail.model, "message=disk full", "seconds=40"]);
    const running = await waitForScreen(
      "spinner",
      /Starting prediction\n[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] replicate-ts\/fail processing \d+(\.\d)?m?s/,
    );
    // The spinner sits on the last line, under the logs.
    const lines = running.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] replicate-ts\/fail processing/);
    const ended = await waitForScreen("spinner", /EXIT=\d/);
    expect(ended).toMatch(
      /Traceback[\s\S]*RuntimeError: disk full\n✖ replicate-ts\/fail failed in .*: disk full/,
    );
    expect(ended).toContain("EXIT=1");
    // Once finished, no spinner line is left behind.
    expect(ended).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] replicate-ts\/fail/);
    // In colour: the ✖ is red.
    expect(screen("spinner", true)).toMatch(SGR);
  });

  it.for<[string, Record<string, string>]>([
    ["NO_COLOR=1", { NO_COLOR: "1" }],
    ["TERM=dumb", { TERM: "dumb" }],
  ])("draws no colour with %s", async ([name, env], { expect }) => {
    const session = `plain-${name.replace(/\W/g, "-")}`;
    startInTerminal(session, ["run", BUILTIN.fail.model, "seconds=1"], env);
    const ended = await waitForScreen(session, /EXIT=\d/);
    expect(ended).toMatch(/replicate-ts\/fail failed in/);
    expect(screen(session, true)).not.toMatch(SGR);
  });

  it("says which file it uploads while it uploads", async ({ expect }) => {
    const folder = await mkdtemp(join(tmpdir(), "replicate-ts-upload-"));
    try {
      await writeFile(join(folder, "name.txt"), "Grace Hopper");
      // The upload takes 1.5 s: time enough to see the spinner.
      emulator.faults.add({ method: "POST", path: "/files", delayMs: 1500 });
      startInTerminal("upload", ["run", BUILTIN.helloWorld.version, "text=@name.txt"], {}, folder);
      await waitForScreen("upload", /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] uploading name\.txt…/);
      const ended = await waitForScreen("upload", /EXIT=\d/);
      expect(ended).toMatch(/hello http:\/\/\S+\/v1\/files\/\w+\n/);
      expect(ended).not.toContain("uploading"); // the spinner is cleared
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("draws a progress bar from tqdm logs, and Ctrl-C cancels the prediction", async () => {
    // Long enough never to finish before the Ctrl-C below.
    startInTerminal("progress", ["run", BUILTIN.slow.model, "seconds=300"]);
    const drawn = await waitForScreen(
      "progress",
      /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] replicate-ts\/slow processing \|█+░+\| [1-9]\d?% [1-9]\d?\/100 \d/,
    );
    expect(drawn).not.toContain("it/s"); // the tqdm line is drawn as the bar, not printed
    tmux("send-keys", "-t", "progress", "C-c");
    const ended = await waitForScreen("progress", /EXIT=\d/);
    expect(ended).toContain("Canceling the prediction");
    expect(ended).toMatch(/■ replicate-ts\/slow canceled in/);
    expect(ended).toContain("EXIT=1");
    const id = /prediction (\w+)\)/.exec(ended)?.[1];
    expect((await replicate.predictions.get({ id: id! })).status).toBe("canceled");
  });
});
