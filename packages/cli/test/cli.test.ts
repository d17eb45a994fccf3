import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { BUILTIN } from "@replicate-ts/emulator";
import { beforeAll, describe, expect, it } from "vitest";
import { baseEnv, runCli, startCli } from "./support/cli-binary";
import { useEmulatorHarness } from "./support/emulator-harness";

// Every command but run (see run.test.ts), through the built binary against an emulator.
const harness = useEmulatorHarness();
const { cli } = harness;

// Each test makes and looks for things of its own, so the tests run at once.

describe.concurrent("replicate-ts predictions", () => {
  it("get prints a prediction, and --json gives the API's JSON", async () => {
    const created = await harness.replicate.predictions.create({
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
    const created = await harness.replicate.predictions.create({
      version: BUILTIN.helloWorld.model,
      input: { text: "listed" },
    });
    const human = await cli(["predictions", "list", "--limit", "50"]);
    expect(human.code).toBe(0);
    expect(human.stdout.split("\n")[0]).toMatch(/^ID\s+MODEL\s+STATUS\s+CREATED/);
    expect(human.stdout).toContain(created.id);
    const json = JSON.parse((await cli(["predictions", "list", "--json"])).stdout);
    expect(json.map((p: { id: string }) => p.id)).toContain(created.id);
  });

  it("cancel cancels a running prediction", async () => {
    const created = await harness.replicate.predictions.create({
      version: BUILTIN.slow.model,
      input: { seconds: 5000 },
    });
    const result = await cli(["predictions", "cancel", created.id]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`${created.id} canceled`);
    expect((await harness.replicate.predictions.get({ id: created.id })).status).toBe("canceled");
  });

  it("watch follows a prediction to its end and prints its output", async () => {
    const created = await harness.replicate.predictions.create({
      version: BUILTIN.slow.model,
      input: { seconds: 5 },
    });
    const result = await cli(["predictions", "watch", created.id]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("slept for 5 seconds");
  });

  it("watch of a prediction that already ended gives its run time, not the watch time", async () => {
    // 30 emulated seconds (0.6 s here) plus starting: over 30 s by the API's clock.
    const failed = await harness.replicate.predictions.create({
      version: BUILTIN.fail.model,
      input: { message: "too late", seconds: 30 },
    });
    await harness.replicate.predictions.wait(failed);
    const result = await cli(["predictions", "watch", failed.id]);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toMatch(
      /^Error: replicate-ts\/fail failed in 3\d\.\ds, model time 3\d\.\ds/,
    );
  });

  it("get exits 3 for an unknown id", async () => {
    const result = await cli(["predictions", "get", "doesnotexist"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/404/);
  });
});

describe.concurrent("replicate-ts models and files", () => {
  it("models schema also shows the training inputs of a trainable model", async () => {
    const result = await cli(["models", "schema", BUILTIN.trainable.model]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^Inputs\nNAME.*\ntext\s+string\s+\(required\)/m);
    expect(result.stdout).toMatch(
      /\n\nTraining inputs\nNAME.*\n(.*\n)*greeting\s+string\s+\(required\)/,
    );
    expect(result.stdout).toMatch(/\n\nOutput\n/);
  });

  it("models schema prints the inputs as a table", async () => {
    const result = await cli(["models", "schema", BUILTIN.drawPng.model]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/prompt\s+string\s+\(required\)\s+What to draw/);
    expect(result.stdout).toMatch(/palette\s+enum \("warm", "cool", "mono"\)\s+warm/);
    expect(result.stdout).toMatch(/Output\nfile\[\]/);
  });

  it("files upload, download and delete round-trip the bytes", async () => {
    const source = join(harness.workDir, "notes.txt");
    const bytes = "line one\nline two\n".repeat(100);
    await writeFile(source, bytes);
    const uploaded = await cli(["files", "upload", source, "--json"]);
    expect(uploaded.code).toBe(0);
    const file = JSON.parse(uploaded.stdout);
    expect(file.size).toBe(bytes.length);

    const downloadDir = join(harness.workDir, "downloads");
    // The API serves content only through a signed URL, which the emulator hands out to tests.
    const unsigned = await cli(["files", "download", file.id]);
    expect(unsigned.code).toBe(2);
    expect(unsigned.stderr).toContain("signed download URL");
    const signedUrl = harness.emulator.fileDownloadUrl(file.id);
    const downloaded = await cli(["files", "download", signedUrl, "-o", `${downloadDir}/`]);
    expect(downloaded.code).toBe(0);
    expect(await readFile(downloaded.stdout.trim(), "utf8")).toBe(bytes);

    expect((await cli(["files", "delete", file.id])).code).toBe(0);
    expect((await cli(["files", "get", file.id])).code).toBe(3);
  });
});

describe.concurrent("usage errors that used to look like API errors (exit 2, not 3)", () => {
  it.for([["http://"], ["https://exa mple.com/files/x/download"], ["ftp://host/file"]])(
    "files download %s exits 2, saying the URL is not valid",
    async ([url], { expect }) => {
      const result = await cli(["files", "download", url!]);
      expect(result).toMatchObject({ code: 2 });
      expect(result.stderr).toBe(
        `Error: ${JSON.stringify(url)} is not a valid download URL: pass the whole signed http(s) URL, in quotes, or the file's id with --owner, --expiry and --signature.\n`,
      );
    },
  );

  it("emulator --port exits 2 when the port is taken", async ({ expect }) => {
    const taken = new URL(harness.emulator.baseUrl).port;
    const result = await runCli(["emulator", "--port", taken], { env: baseEnv() });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toBe(
      `Error: port ${taken} is in use: pick another or use 0 (any free port).\n`,
    );
  });
});

/** `deployments create d --model a/b:v --hardware cpu`, with more arguments. */
const createDeployment = (...more: string[]) => [
  "deployments",
  "create",
  "d",
  "--model",
  "a/b:v",
  "--hardware",
  "cpu",
  ...more,
];

describe.concurrent("flags and arguments are checked before any request", () => {
  // Nothing listens here: a request would fail with exit code 3, a usage error exits 2 first.
  let unreachable: string;
  beforeAll(async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    unreachable = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    await new Promise((resolve) => server.close(resolve));
  });

  it.for<[string[], RegExp]>([
    [
      ["run", "replicate/hello-world", "text=x", "--cancel-after", "soon"],
      /^Error: --cancel-after must be a duration from 5 seconds to a week, such as 90s, 5m or 1h30m \(got "soon"\)\.$/,
    ],
    [["run", "replicate/hello-world", "text=x", "--cancel-after", "2s"], /--cancel-after must be/],
    [
      ["run", "replicate/hello-world", "text=x", "--cancel-after", "200h"],
      /--cancel-after must be/,
    ],
    [
      ["models", "list", "--sort-by", "name"],
      /option '--sort-by <field>' argument 'name' is invalid/,
    ],
    [["models", "list", "--sort-direction", "up"], /'--sort-direction <direction>'/],
    [
      ["models", "create", "emulator/x", "--hardware", "cpu", "--visibility", "secret"],
      /'--visibility <visibility>'/,
    ],
    [
      createDeployment("--min-instances", "9"),
      /^Error: --min-instances takes a whole number from 0 to 5 \(got "9"\)\.$/,
    ],
    [
      createDeployment("--min-instances", "3", "--max-instances", "2"),
      /^Error: --min-instances \(3\) must not be more than --max-instances \(2\)\.$/,
    ],
    [
      ["deployments", "create", "a/b", "--model", "a/b:v", "--hardware", "cpu"],
      /Invalid deployment name "a\/b"/,
    ],
    [["deployments", "update", "a/b", "--version-id", "x/y"], /Invalid --version-id "x\/y"/],
    [["predictions", "get", "a/b"], /^Error: Invalid prediction id "a\/b": give the id alone/],
    [["predictions", "get", ""], /Invalid prediction id ""/],
    [["trainings", "cancel", "x y"], /Invalid training id "x y"/],
    [["files", "delete", "../x"], /Invalid file id "..\/x"/],
    [["collections", "get", "a/b"], /Invalid collection slug "a\/b"/],
    [
      ["predictions", "list", "--created-after", "yesterday"],
      /^Error: --created-after takes an ISO 8601 date/,
    ],
    [
      ["files", "upload", "cli.test.ts", "--content-type", "png"],
      /--content-type takes a media type/,
    ],
    [["files", "upload", "cli.test.ts", "--name", ""], /--name must not be empty/],
    [["trainings", "create", "a/b:v", "--destination", "nope"], /Invalid --destination "nope"/],
  ])("exits 2 naming the flag or argument: %j", async ([args, message], { expect }) => {
    const result = await runCli(args, {
      cwd: import.meta.dirname,
      env: baseEnv({ REPLICATE_API_TOKEN: "r8_x", REPLICATE_BASE_URL: unreachable }),
    });
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr.split("\n")[0]).toMatch(message);
    // Never the SDK's option names.
    expect(result.stderr).not.toMatch(
      /cancelAfter|sortBy|sortDirection|minInstances|baseUrl|\bid is required/,
    );
  });

  it.for<[string[], Record<string, string>, RegExp]>([
    [
      ["--base-url", "localhost:8787", "account"],
      {},
      /^Error: --base-url must be an http\(s\) URL/,
    ],
    [
      ["account"],
      { REPLICATE_BASE_URL: "api.replicate.com" },
      /^Error: REPLICATE_BASE_URL must be an http\(s\) URL/,
    ],
  ])(
    "a malformed base URL exits 2 naming where it came from: %j",
    async ([args, env, message], { expect }) => {
      const result = await runCli(args, { env: baseEnv({ REPLICATE_API_TOKEN: "r8_x", ...env }) });
      expect(result).toMatchObject({ code: 2 });
      expect(result.stderr).toMatch(message);
    },
  );
});

describe.concurrent("replicate-ts account, collections, deployments and trainings", () => {
  it("account, hardware and webhooks secret print what the API says", async () => {
    expect((await cli(["account"])).stdout).toMatch(/username:\s+emulator/);
    expect((await cli(["hardware"])).stdout).toMatch(/^cpu\s+CPU$/m);
    const secret = await cli(["webhooks", "secret"]);
    expect(secret.stdout.trim()).toBe(harness.emulator.webhooks.secret);
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
    const versions = await harness.replicate.models.versions({
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

describe.concurrent("replicate-ts itself", () => {
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
    const running = startCli(["emulator", "--port", "0", "--speed", "10"], { env: baseEnv() });
    // Fails at once, with what the process printed, should it exit instead.
    const baseUrl = await running.waitFor(
      () => (running.stdout.endsWith("\n") ? running.stdout.trim() : undefined),
      "the base URL on stdout",
    );
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const result = await runCli(["run", "replicate/hello-world", "text=there"], {
      env: baseEnv({ REPLICATE_BASE_URL: baseUrl, REPLICATE_API_TOKEN: "any" }),
    });
    expect(result.stdout).toBe("hello there\n");
    running.child.kill("SIGINT");
    const stopped = await running.result;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/POST \/v1\/models\/replicate\/hello-world\/predictions 201/);
  });

  it("emulator --json prints its url and base URL as one JSON line first", async () => {
    const running = startCli(["--json", "emulator", "--port", "0", "--quiet"], { env: baseEnv() });
    const first = await running.waitFor(
      () => (running.stdout.includes("\n") ? running.stdout.split("\n")[0] : undefined),
      "the first line on stdout",
    );
    running.child.kill("SIGINT");
    const printed = JSON.parse(first!);
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(printed.baseUrl).toBe(`${printed.url}/v1`);
    expect(await running.result).toMatchObject({ code: 0 });
  });

  it("demo --json exits 2: the tour prints no JSON", async () => {
    const result = await runCli(["--json", "demo"], { env: baseEnv() });
    expect(result).toMatchObject({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(/^Error: demo is a guided tour for people and prints no JSON/);
  });

  it("demo runs the tour offline, and removes the temporary folder of its PNG", async () => {
    const tmp = await mkdtemp(join(harness.workDir, "tmp-"));
    const result = await runCli(["demo", "--speed", "20"], { env: baseEnv({ TMPDIR: tmp }) });
    expect(result).toMatchObject({ code: 0, stderr: "" });
    expect(result.stdout).toContain("hello world");
    expect(result.stdout).toContain("You said: What is an emulator?");
    expect(result.stdout).toMatch(/replicate-ts-demo-\w+\/out-0\.png\n/);
    expect(result.stdout).toMatch(/replicate\/hello-world\s+succeeded/);
    // Nothing left behind: neither the PNG's folder nor the emulator's uploads.
    expect(await readdir(tmp)).toEqual([]);
  });
});
