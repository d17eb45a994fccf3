import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN, type RunningEmulator, startEmulator } from "@replicate-ts/emulator";
import Replicate from "replicate-ts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { baseEnv, ensureCliBuilt, type ProcessResult, runCli } from "./support/cli-binary";

const TOKEN = "r8_cli_test_token";
let emulator: RunningEmulator;
let replicate: Replicate;
let workDir: string;

beforeAll(async () => {
  await ensureCliBuilt();
  // Fast enough that a model taking 10 emulated seconds finishes in 0.2 s.
  emulator = await startEmulator({ port: 0, speed: 50, quiet: true });
  replicate = new Replicate({ auth: TOKEN, baseUrl: emulator.baseUrl });
  workDir = await mkdtemp(join(tmpdir(), "replicate-ts-cli-test-"));
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Runs the CLI against the test's emulator. */
function cli(args: string[], extraEnv: Record<string, string> = {}): Promise<ProcessResult> {
  return runCli(args, {
    cwd: workDir,
    env: baseEnv({ REPLICATE_API_TOKEN: TOKEN, REPLICATE_BASE_URL: emulator.baseUrl, ...extraEnv }),
  });
}

describe("replicate-ts run", () => {
  it("prints the output and exits 0, with nothing on stderr when it is not a terminal", async () => {
    const result = await cli(["run", "replicate/hello-world", "text=Alice"]);
    expect(result.stdout).toBe("hello Alice\n");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("with --json prints only the final prediction as JSON", async () => {
    const result = await cli(["run", "replicate/hello-world", "text=Bob", "--json"]);
    expect(result.code).toBe(0);
    const prediction = JSON.parse(result.stdout);
    expect(prediction).toMatchObject({ status: "succeeded", output: "hello Bob" });
    expect(prediction.input).toEqual({ text: "Bob" });
  });

  it("types values by the model's schema", async () => {
    const result = await cli(["run", BUILTIN.slow.model, "seconds=0.5", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).input).toEqual({ seconds: 0.5 });
  });

  it("exits 1 when the model fails, saying why on stderr", async () => {
    const result = await cli(["run", BUILTIN.fail.model, "message=out of memory"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("failed");
    expect(result.stderr).toContain("out of memory");
  });

  it("exits 1 with the failed prediction as JSON under --json", async () => {
    const result = await cli(["run", BUILTIN.fail.model, "message=boom", "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "failed", error: "boom" });
  });

  it("exits 3 on an API error, with the status and the API's detail on stderr", async () => {
    const result = await cli(["run", "nobody/no-such-model", "text=x"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/404/);
    expect(result.stderr.toLowerCase()).toContain("not found");
    expect(result.stdout).toBe("");
  });

  it("exits 3 when the API rejects the token", async () => {
    const strict = await startEmulator({ port: 0, quiet: true, tokens: ["r8_the_right_one"] });
    try {
      const result = await runCli(["predictions", "list"], {
        env: baseEnv({ REPLICATE_API_TOKEN: "r8_wrong", REPLICATE_BASE_URL: strict.baseUrl }),
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/401/);
      expect(result.stderr).not.toContain("r8_wrong");
    } finally {
      await strict.close();
    }
  });

  it("exits 3 when the API cannot be reached", async () => {
    const closed = await startEmulator({ port: 0, quiet: true });
    const baseUrl = closed.baseUrl;
    await closed.close();
    const result = await runCli(["predictions", "list"], {
      env: baseEnv({ REPLICATE_API_TOKEN: TOKEN, REPLICATE_BASE_URL: baseUrl }),
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^Error: /);
  });

  it("exits 2 when the output folder cannot be created", async () => {
    const blocker = join(workDir, "a-file");
    await writeFile(blocker, "not a folder");
    const result = await cli([
      "run",
      BUILTIN.drawPng.model,
      "prompt=x",
      "width=16",
      "height=16",
      "-o",
      join(blocker, "sub"),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("ENOTDIR");
  });

  it.each([
    [["run", "replicate/hello-world", "text"], /Expected an input as key=value/],
    [
      ["run", "replicate/hello-world", "colour=red"],
      /Unknown input "colour": this model takes text/,
    ],
    [["run", BUILTIN.slow.model, "seconds=soon"], /seconds must be a number/],
    [["run", "not a model"], /Invalid model/],
    [
      ["run", "replicate/hello-world", "--wait", "90"],
      /--wait takes a whole number of seconds from 1 to 60/,
    ],
    [["run", "replicate/hello-world", "image=@missing.png"], /Unknown input "image"/],
    [["run", "replicate/hello-world", "--bogus"], /unknown option '--bogus'/],
    [["run"], /missing required argument 'model'/],
    [["no-such-command"], /unknown command/],
  ])("exits 2 on bad arguments: %j", async (args, message) => {
    const result = await cli(args);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
  });

  it("exits 2 with a one-line hint when there is no token and no base URL", async () => {
    const result = await runCli(["run", "replicate/hello-world", "text=x"], { env: baseEnv() });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("REPLICATE_API_TOKEN");
    expect(lines[0]).toContain("--emulator");
  });

  it("saves file outputs into --output-dir with the served bytes and prints their paths", async () => {
    const outputDir = join(workDir, "images");
    const result = await cli([
      "run",
      BUILTIN.drawPng.model,
      "prompt=a red kite",
      "width=48",
      "height=32",
      "num_outputs=2",
      "--output-dir",
      outputDir,
    ]);
    expect(result.code).toBe(0);
    expect((await readdir(outputDir)).sort()).toEqual(["out-0.png", "out-1.png"]);
    expect(result.stdout.trim().split("\n")).toEqual([
      join(outputDir, "out-0.png"),
      join(outputDir, "out-1.png"),
    ]);
    // The same bytes the emulator serves at the prediction's output URLs.
    const [latest] = (await replicate.predictions.list()).results;
    const urls = latest!.output as string[];
    for (const [index, url] of urls.entries()) {
      const served = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const saved = new Uint8Array(await readFile(join(outputDir, `out-${index}.png`)));
      expect(saved).toEqual(served);
      expect([...saved.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    }
  });

  it("never overwrites an existing file: a second run saves out-0-1.png", async () => {
    const outputDir = join(workDir, "twice");
    const args = [
      "run",
      BUILTIN.drawPng.model,
      "prompt=dot",
      "width=16",
      "height=16",
      "-o",
      outputDir,
    ];
    expect((await cli(args)).code).toBe(0);
    expect((await cli(args)).code).toBe(0);
    expect((await readdir(outputDir)).sort()).toEqual(["out-0-1.png", "out-0.png"]);
  });

  it("with --no-wait creates the prediction and prints its id and status at once", async () => {
    const result = await cli(["run", BUILTIN.slow.model, "seconds=1000", "--no-wait"]);
    expect(result.code).toBe(0);
    const [id, status] = result.stdout.trim().split(" ");
    expect(status).toBe("starting");
    const prediction = await replicate.predictions.get({ id: id! });
    expect(prediction.input).toEqual({ seconds: 1000 });
    await replicate.predictions.cancel({ id: id! });
  });

  it("with --stream prints the text output", async () => {
    const result = await cli([
      "run",
      BUILTIN.streamText.model,
      "prompt=hi there",
      "max_tokens=6",
      "--stream",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("You said: hi there.")).toBe(true);
  });

  it("cancels the remote prediction on SIGINT and exits 1", async () => {
    let child: import("node:child_process").ChildProcess | undefined;
    const running = runCli(["run", BUILTIN.slow.model, "seconds=3000"], {
      cwd: workDir,
      env: baseEnv({ REPLICATE_API_TOKEN: TOKEN, REPLICATE_BASE_URL: emulator.baseUrl }),
      onSpawn: (spawned) => {
        child = spawned;
      },
    });
    // Wait until the CLI's prediction is running on the emulator, then press "Ctrl-C".
    const prediction = await vi.waitFor(
      async () => {
        const [found] = (await replicate.predictions.list()).results.filter(
          (p) => p.model === BUILTIN.slow.model && p.input.seconds === 3000 && p.isRunning,
        );
        if (!found) throw new Error("not started yet");
        return found;
      },
      { timeout: 10_000, interval: 50 },
    );
    child!.kill("SIGINT");
    const result = await running;
    expect(result.code).toBe(1);
    expect((await replicate.predictions.get({ id: prediction.id })).status).toBe("canceled");
  });
});

describe("replicate-ts predictions", () => {
  it("get prints a prediction, and --json gives the API's JSON", async () => {
    const created = await replicate.predictions.create({
      version: BUILTIN.helloWorld.model,
      input: { text: "Grace" },
      wait: true,
    });
    const human = await cli(["predictions", "get", created.id]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`id:\\s+${created.id}`));
    expect(human.stdout).toMatch(/status:\s+succeeded/);
    expect(human.stdout).toMatch(/output:\s+hello Grace/);
    const json = await cli(["predictions", "get", created.id, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id: created.id, output: "hello Grace" });
  });

  it("list shows recent predictions as a table, and --json as an array", async () => {
    const created = await replicate.predictions.create({
      version: BUILTIN.helloWorld.model,
      input: { text: "listed" },
    });
    const human = await cli(["predictions", "list", "--limit", "5"]);
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n")[0]).toMatch(/^ID\s+MODEL\s+STATUS\s+CREATED/);
    expect(human.stdout).toContain(created.id);
    const json = JSON.parse((await cli(["predictions", "list", "--json"])).stdout);
    expect(json.map((p: { id: string }) => p.id)).toContain(created.id);
  });

  it("cancel cancels a running prediction", async () => {
    const created = await replicate.predictions.create({
      version: BUILTIN.slow.model,
      input: { seconds: 5000 },
    });
    const result = await cli(["predictions", "cancel", created.id]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`${created.id} canceled`);
    expect((await replicate.predictions.get({ id: created.id })).status).toBe("canceled");
  });

  it("watch follows a prediction to its end and prints its output", async () => {
    const created = await replicate.predictions.create({
      version: BUILTIN.slow.model,
      input: { seconds: 5 },
    });
    const result = await cli(["predictions", "watch", created.id]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("slept for 5 seconds");
  });

  it("get exits 3 for an unknown id", async () => {
    const result = await cli(["predictions", "get", "doesnotexist"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/404/);
  });
});

describe("replicate-ts models and files", () => {
  it("models schema prints the inputs as a table", async () => {
    const result = await cli(["models", "schema", BUILTIN.drawPng.model]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/prompt\s+string\s+\(required\)\s+What to draw/);
    expect(result.stdout).toMatch(/palette\s+enum \("warm", "cool", "mono"\)\s+warm/);
    expect(result.stdout).toMatch(/Output\nfile\[\]/);
  });

  it("files upload, download and delete round-trip the bytes", async () => {
    const source = join(workDir, "notes.txt");
    const bytes = "line one\nline two\n".repeat(100);
    await writeFile(source, bytes);
    const uploaded = await cli(["files", "upload", source, "--json"]);
    expect(uploaded.code).toBe(0);
    const file = JSON.parse(uploaded.stdout);
    expect(file.size).toBe(bytes.length);

    const downloadDir = join(workDir, "downloads");
    // The API serves content only through a signed URL, which the emulator hands out to tests.
    const unsigned = await cli(["files", "download", file.id]);
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toContain("signed download URL");
    const signedUrl = emulator.fileDownloadUrl(file.id);
    const downloaded = await cli(["files", "download", signedUrl, "-o", `${downloadDir}/`]);
    expect(downloaded.code).toBe(0);
    expect(await readFile(downloaded.stdout.trim(), "utf8")).toBe(bytes);

    expect((await cli(["files", "delete", file.id])).code).toBe(0);
    expect((await cli(["files", "get", file.id])).code).toBe(3);
  });
});

describe("replicate-ts account, collections, deployments and trainings", () => {
  it("account, hardware and webhooks secret print what the API says", async () => {
    expect((await cli(["account"])).stdout).toMatch(/username:\s+emulator/);
    expect((await cli(["hardware"])).stdout).toMatch(/^cpu\s+CPU$/m);
    const secret = await cli(["webhooks", "secret"]);
    expect(secret.stdout.trim()).toBe(emulator.webhooks.secret);
  });

  it("collections list and get show collections and their models", async () => {
    expect((await cli(["collections", "list"])).stdout).toMatch(/^text-to-image\s/m);
    const collection = await cli(["collections", "get", "text-to-image"]);
    expect(collection.code).toBe(0);
    expect(collection.stdout).toContain(BUILTIN.drawPng.model);
  });

  it("deployments create, update, list and delete a deployment", async () => {
    const version = `${BUILTIN.helloWorld.model}:${BUILTIN.helloWorld.version}`;
    const created = await cli([
      "deployments",
      "create",
      "cli-test",
      "--model",
      version,
      "--hardware",
      "cpu",
      "--json",
    ]);
    expect(created.code).toBe(0);
    expect(JSON.parse(created.stdout).current_release.version).toBe(BUILTIN.helloWorld.version);
    const updated = await cli([
      "deployments",
      "update",
      "emulator/cli-test",
      "--max-instances",
      "4",
    ]);
    expect(updated.stdout).toMatch(/release:\s+2\n[\s\S]*max instances:\s+4/);
    expect((await cli(["deployments", "list"])).stdout).toMatch(
      /emulator\/cli-test\s+replicate\/hello-world\s+2/,
    );
    expect((await cli(["deployments", "delete", "emulator/cli-test"])).code).toBe(0);
    expect((await cli(["deployments", "get", "emulator/cli-test"])).code).toBe(3);
  });

  it("trainings create --watch trains a new version into a model made with models create", async () => {
    expect(
      (await cli(["models", "create", "emulator/cli-greeter", "--hardware", "cpu"])).code,
    ).toBe(0);
    const result = await cli([
      "trainings",
      "create",
      `${BUILTIN.trainable.model}:${BUILTIN.trainable.version}`,
      "--destination",
      "emulator/cli-greeter",
      "greeting=Howdy",
      "--watch",
    ]);
    expect(result.code).toBe(0);
    const newVersion = /new version:\s+emulator\/cli-greeter:(\w+)/.exec(result.stdout)?.[1];
    const versions = await replicate.models.versions({
      modelOwner: "emulator",
      modelName: "cli-greeter",
    });
    expect(versions.results.map((version) => version.id)).toContain(newVersion);
    expect((await cli(["trainings", "list"])).stdout).toContain(BUILTIN.trainable.model);
  });

  it("trainings create checks the inputs against the training schema", async () => {
    const result = await cli([
      "trainings",
      "create",
      `${BUILTIN.trainable.model}:${BUILTIN.trainable.version}`,
      "--destination",
      "emulator/cli-greeter",
      "greting=typo",
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown input "greting"/);
  });
});

describe("replicate-ts itself", () => {
  it("--version prints the version", async () => {
    const result = await runCli(["--version"], { env: baseEnv() });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("0.1.0");
  });

  it("--emulator runs a command against an in-process emulator, with no token", async () => {
    const result = await runCli(["--emulator", "run", "replicate/hello-world", "text=offline"], {
      env: baseEnv(),
    });
    expect(result.stdout).toBe("hello offline\n");
    expect(result.code).toBe(0);
  });

  it("emulator prints its base URL, serves the API and stops on SIGINT", async () => {
    let child: import("node:child_process").ChildProcess | undefined;
    let printed = "";
    const running = runCli(["emulator", "--port", "0", "--speed", "10"], {
      env: baseEnv(),
      onSpawn: (spawned) => {
        child = spawned;
      },
      onStdout: (stdout) => {
        printed = stdout;
      },
    });
    const baseUrl = await vi.waitFor(
      () => {
        if (!printed.endsWith("\n")) throw new Error("no URL yet");
        return printed.trim();
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const result = await runCli(["run", "replicate/hello-world", "text=there"], {
      env: baseEnv({ REPLICATE_BASE_URL: baseUrl, REPLICATE_API_TOKEN: "any" }),
    });
    expect(result.stdout).toBe("hello there\n");
    child!.kill("SIGINT");
    const stopped = await running;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/POST \/v1\/models\/replicate\/hello-world\/predictions 201/);
  });

  it("demo runs the tour offline and saves the PNG", async () => {
    const outputDir = join(workDir, "demo");
    const result = await runCli(["demo", "--speed", "20", "-o", outputDir], { env: baseEnv() });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("hello world");
    expect(result.stdout).toContain("You said: What is an emulator?");
    expect(result.stdout).toContain(join(outputDir, "out-0.png"));
    expect(result.stdout).toMatch(/replicate\/hello-world\s+succeeded/);
    expect(await readdir(outputDir)).toEqual(["out-0.png"]);
  });
});
