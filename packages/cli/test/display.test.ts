import { afterEach, describe, expect, it, vi } from "vitest";
import { InteractiveDownloadDisplay } from "../src/display/download-display";
import { InteractiveRunDisplay } from "../src/display/interactive-run-display";
import { stylesFor } from "../src/terminal";
import { FakeTerminal } from "./support/fake-terminal";

const displays: InteractiveRunDisplay[] = [];
/** An ANSI colour or style sequence (ESC [ ... m); cursor movement uses other final letters. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[\\d+(;\\d+)*m`);

function runDisplay(terminal: FakeTerminal, env: Record<string, string | undefined> = {}) {
  let clock = 0;
  const display = new InteractiveRunDisplay({
    stream: terminal,
    styles: stylesFor(terminal, env),
    colour: env.NO_COLOR === undefined,
    title: "replicate-ts/slow",
    refreshInterval: 10,
    now: () => {
      clock += 250;
      return clock;
    },
  });
  displays.push(display);
  return display;
}

afterEach(() => {
  for (const display of displays.splice(0)) display.finish("canceled", "test over");
});

describe("InteractiveRunDisplay", () => {
  it("draws a spinner with the title, the status and the elapsed time", async () => {
    const terminal = new FakeTerminal();
    const display = runDisplay(terminal);
    display.update({ status: "processing", logs: "" });
    await vi.waitFor(() =>
      expect(terminal.text).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] replicate-ts\/slow processing \d/),
    );
  });

  it("prints each new log line once, above the spinner", () => {
    const terminal = new FakeTerminal();
    const display = runDisplay(terminal);
    display.update({ status: "processing", logs: "loading weights\n" });
    display.update({ status: "processing", logs: "loading weights\nwarming up\n" });
    display.finish("succeeded", "done");
    expect(terminal.text.match(/loading weights\n/g)).toHaveLength(1);
    expect(terminal.text.match(/warming up\n/g)).toHaveLength(1);
  });

  it("turns into a progress bar when the logs carry tqdm progress, and keeps printing logs", async () => {
    const terminal = new FakeTerminal();
    const display = runDisplay(terminal);
    const logs = "starting\n 45%|████▌     | 45/100 [00:01<00:01, 30.0it/s]\n";
    display.update({
      status: "processing",
      logs,
      progress: { percentage: 45, current: 45, total: 100 },
    });
    await vi.waitFor(() => expect(terminal.text).toMatch(/processing \|█+░+\| 45% 45\/100/));
    display.update({
      status: "processing",
      logs: `${logs}checkpoint saved\n`,
      progress: { percentage: 45, current: 45, total: 100 },
    });
    await vi.waitFor(() => expect(terminal.text).toContain("checkpoint saved\n"));
    // The tqdm line itself is drawn as the bar, not printed as text.
    expect(terminal.text).not.toContain("30.0it/s");
  });

  it("ends with one summary line marked by the outcome", () => {
    const terminal = new FakeTerminal();
    const display = runDisplay(terminal);
    display.update({ status: "processing", logs: "" });
    display.finish("failed", "replicate-ts/fail failed in 1.0s");
    display.finish("failed", "a second call is ignored");
    expect(terminal.text).toContain("✖ replicate-ts/fail failed in 1.0s\n");
    expect(terminal.text).not.toContain("second call");
  });

  it("colours nothing when NO_COLOR is set", () => {
    const terminal = new FakeTerminal();
    const display = runDisplay(terminal, { NO_COLOR: "1" });
    display.update({ status: "processing", logs: "a line\n" });
    display.finish("succeeded", "done");
    // Cursor movement is allowed; SGR colour codes (ESC [ ... m) are not.
    expect(terminal.written).not.toMatch(SGR);
  });
});

describe("InteractiveDownloadDisplay", () => {
  it("draws a bar per file with bytes received and the size", async () => {
    const terminal = new FakeTerminal();
    const downloads = new InteractiveDownloadDisplay(terminal, stylesFor(terminal, {}));
    const file = downloads.track("out-0.png");
    file.update(1500, 3000);
    await vi.waitFor(() =>
      expect(terminal.text).toMatch(/out-0\.png \|█+░+\| 50% 1\.5 kB\/3\.0 kB/),
    );
    file.update(3000, 3000);
    file.done();
    downloads.stop();
    expect(terminal.text).toMatch(/out-0\.png \|█+\| 100% 3\.0 kB\/3\.0 kB/);
  });
});
