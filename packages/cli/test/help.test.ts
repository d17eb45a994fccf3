import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../src/io";
import { main } from "../src/main";
import { createProgram } from "../src/program";
import { FakeTerminal } from "./support/fake-terminal";

function fakeIo(): CliIo & { stdout: FakeTerminal; stderr: FakeTerminal } {
  return { stdout: new FakeTerminal(), stderr: new FakeTerminal(), env: {}, cwd: process.cwd() };
}

/** Every command and subcommand, as `parent child` paths. */
function allCommands(command: Command, path: string[] = []): Array<[string, Command]> {
  return command.commands
    .filter((child) => child.name() !== "help")
    .flatMap((child) => {
      const childPath = [...path, child.name()];
      return [[childPath.join(" "), child] as [string, Command], ...allCommands(child, childPath)];
    });
}

describe("help", () => {
  const io = fakeIo();
  const commands = allCommands(createProgram(io));

  it("covers every command group of the issue", () => {
    const names = commands.map(([name]) => name);
    for (const expected of [
      "run",
      "predictions list",
      "predictions get",
      "predictions cancel",
      "predictions watch",
      "models get",
      "models list",
      "models search",
      "models versions",
      "models schema",
      "collections list",
      "collections get",
      "deployments list",
      "deployments get",
      "deployments create",
      "deployments update",
      "deployments delete",
      "files upload",
      "files list",
      "files get",
      "files delete",
      "files download",
      "trainings create",
      "trainings get",
      "trainings list",
      "trainings cancel",
      "trainings watch",
      "account",
      "hardware",
      "webhooks secret",
      "emulator",
      "demo",
    ]) {
      expect(names).toContain(expected);
    }
  });

  it.each(commands)("of %s has a description and an example", (_name, command) => {
    const output = fakeIo();
    command.configureOutput({ writeOut: (text) => output.stdout.write(text) });
    command.outputHelp();
    expect(command.description()).not.toBe("");
    expect(output.stdout.text).toMatch(/Examples?:\n {2}\$ (REPLICATE_\w+=\S+ )?replicate-ts /);
  });

  it("--help exits 0 and unknown commands exit 2", async () => {
    const help = fakeIo();
    expect(await main(["--help"], help)).toBe(0);
    expect(help.stdout.text).toContain("Exit codes: 0 success");
    const unknown = fakeIo();
    expect(await main(["frobnicate"], unknown)).toBe(2);
    expect(unknown.stderr.text).toContain("unknown command 'frobnicate'");
  });
});
