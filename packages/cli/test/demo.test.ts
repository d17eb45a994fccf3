import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/main";
import { FakeTerminal } from "./support/fake-terminal";

// The demo in this process, on the emulator's sources: what `npm start` shows, checked without a
// build. cli.test.ts also runs it through the built binary.
describe("replicate-ts demo", () => {
  const folders: string[] = [];
  afterAll(async () => {
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it("walks through run, stream, PNG and list, offline, and saves the PNG", async () => {
    const outputDir = await mkdtemp(join(tmpdir(), "replicate-ts-demo-test-"));
    folders.push(outputDir);
    const stdout = new FakeTerminal();
    const stderr = new FakeTerminal();
    // Not terminals, as when piped: no spinner, plain text.
    Object.defineProperty(stdout, "isTTY", { value: false });
    Object.defineProperty(stderr, "isTTY", { value: false });
    const code = await main(["demo", "--speed", "20", "-o", outputDir], {
      stdout,
      stderr,
      env: {},
      cwd: outputDir,
    });
    expect(stderr.text).toBe("");
    expect(code).toBe(0);
    const shown = stdout.text;
    const steps = ["1/4", "2/4", "3/4", "4/4"].map((step) => shown.indexOf(step));
    expect(steps.every((index, i) => index >= 0 && (i === 0 || index > steps[i - 1]!))).toBe(true);
    expect(shown).toContain("$ replicate-ts run replicate/hello-world text=world\nhello world\n");
    expect(shown).toMatch(/You said: What is an emulator\?\.( \S+){18}\n/);
    expect(shown).toContain(join(outputDir, "out-0.png"));
    expect(shown).toMatch(/replicate-ts\/draw-png\s+succeeded/);
    expect(shown).toMatch(/Tour finished in/);
    expect(await readdir(outputDir)).toEqual(["out-0.png"]);
    const png = await readFile(join(outputDir, "out-0.png"));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});
