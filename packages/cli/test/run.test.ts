import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BUILTIN, startEmulator } from "@replicate-ts/emulator";
import { describe, expect, it } from "vitest";
import { baseEnv, runCli } from "./support/cli-binary";
import { TOKEN, useEmulatorHarness } from "./support/emulator-harness";
import { startHoldingProxy } from "./support/holding-proxy";

// `replicate-ts run`, through the built binary against an emulator.
const harness = useEmulatorHarness();
const { cli } = harness;

/** `run replicate-ts/draw-png` of a small image, with more arguments. */
const drawPng = (prompt: string, ...more: string[]) => [
  "run",
  BUILTIN.drawPng.model,
  `prompt=${prompt}`,
  "width=16",
  "height=16",
  ...more,
];

// Every test has inputs and folders of its own, so they run at once.
describe.concurrent("replicate-ts run", () => {
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

  it("types values by the model's schema: a number-like value of a string field stays a string", async () => {
    const result = await cli(["run", "replicate/hello-world", "text=123", "--json"]);
    expect(result).toMatchObject({ code: 0 });
    // Without the schema, 123 would be guessed to be a number (and the emulator would refuse it).
    expect(JSON.parse(result.stdout).input).toEqual({ text: "123" });
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
    const blocker = join(harness.workDir, "a-file");
    await writeFile(blocker, "not a folder");
    const result = await cli(drawPng("x", "-o", join(blocker, "sub")));
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
    [["run", BUILTIN.slow.model, "seconds=0x10"], /Input seconds must be a number \(got "0x10"\)/],
    [
      ["run", BUILTIN.drawPng.model, "prompt=x", "num_outputs=9"],
      /^Error: Input num_outputs must be from 1 to 4 \(got 9\)\.$/m,
    ],
    [
      ["run", BUILTIN.drawPng.model, "prompt=x", "palette=neon"],
      /Input palette must be one of "warm", "cool", "mono"/,
    ],
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
    const outputDir = join(harness.workDir, "images");
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
    const { results } = await harness.replicate.predictions.list();
    const urls = results.find((p) => p.input.prompt === "a red kite")!.output as string[];
    for (const [index, url] of urls.entries()) {
      const served = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const saved = new Uint8Array(await readFile(join(outputDir, `out-${index}.png`)));
      expect(saved).toEqual(served);
      expect([...saved.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    }
  });

  it("never overwrites an existing file: a second run saves out-0-1.png", async () => {
    const outputDir = join(harness.workDir, "twice");
    const args = drawPng("dot", "-o", outputDir);
    expect((await cli(args)).code).toBe(0);
    expect((await cli(args)).code).toBe(0);
    expect((await readdir(outputDir)).sort()).toEqual(["out-0-1.png", "out-0.png"]);
  });

  it("with --no-wait creates the prediction and prints its id and status at once", async () => {
    const result = await cli(["run", BUILTIN.slow.model, "seconds=1000", "--no-wait"]);
    expect(result.code).toBe(0);
    const [id, status] = result.stdout.trim().split(" ");
    expect(status).toBe("starting");
    const prediction = await harness.replicate.predictions.get({ id: id! });
    expect(prediction.input).toEqual({ seconds: 1000 });
    await harness.replicate.predictions.cancel({ id: id! });
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
});

describe.concurrent("replicate-ts run options", () => {
  it("--json -o saves the files and names each on stderr, also when piped", async ({ expect }) => {
    const outputDir = join(harness.workDir, "json-images");
    const result = await cli(drawPng("json and files", "num_outputs=2", "--json", "-o", outputDir));
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "succeeded" });
    // A saved path is a result, not progress: it is said off a terminal too.
    expect(result.stderr).toBe(
      `saved ${join(outputDir, "out-0.png")}\nsaved ${join(outputDir, "out-1.png")}\n`,
    );
    expect((await readdir(outputDir)).sort()).toEqual(["out-0.png", "out-1.png"]);
  });

  it("--stream -o saves file outputs and prints their paths", async ({ expect }) => {
    const outputDir = join(harness.workDir, "stream-images");
    const result = await cli(drawPng("streamed files", "--stream", "-o", outputDir));
    expect(result).toMatchObject({ code: 0 });
    expect(await readdir(outputDir)).toEqual(["out-0.png"]);
    expect(result.stdout.trim()).toBe(join(outputDir, "out-0.png"));
  });

  it("--stream prints the tokens as they are generated, read from the stream URL", async ({
    expect,
  }) => {
    const prompt = "stream me";
    const running = harness.start([
      "run",
      BUILTIN.streamText.model,
      `prompt=${prompt}`,
      "max_tokens=512",
      "--stream",
    ]);
    await running.waitFor(
      () => (running.stdout.includes("You said:") ? true : undefined),
      "the first tokens",
    );
    // The first tokens are out while the model still runs (512 tokens take 0.5 s here).
    const { results } = await harness.replicate.predictions.list();
    const prediction = results.find((p) => p.input.prompt === prompt);
    expect(prediction?.status).toBe("processing");
    const result = await running.result;
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout.split(" ").length).toBeGreaterThan(500);
    const streamPath = new URL(prediction!.urls.stream!).pathname;
    expect(harness.emulator.requests.find((r) => r.path === streamPath)?.method).toBe("GET");
  });

  it("--cancel-after has the API cancel a prediction that runs too long: exit 1", async ({
    expect,
  }) => {
    const result = await cli(["run", BUILTIN.slow.model, "seconds=4001", "--cancel-after", "5s"]);
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toMatch(/Error: replicate-ts\/slow canceled/);
    // Its logs are tqdm lines: raw progress bars are left out of the failure's last log lines.
    expect(result.stderr).not.toMatch(/\d+%\|/);
    const create = harness.emulator.requests.find(
      (r) =>
        r.method === "POST" &&
        (r.body as { input?: { seconds?: number } })?.input?.seconds === 4001,
    );
    expect(create?.headers["cancel-after"]).toBe("5s");
  });

  it("--wait N holds the create request open with Prefer: wait=N", async ({ expect }) => {
    const result = await cli(["run", "replicate/hello-world", "text=patient", "--wait", "7"]);
    expect(result).toMatchObject({ code: 0, stdout: "hello patient\n" });
    const create = harness.emulator.requests.find(
      (r) =>
        r.method === "POST" && (r.body as { input?: { text?: string } })?.input?.text === "patient",
    );
    expect(create?.headers.prefer).toBe("wait=7");
  });

  it("--no-download prints the file URLs and saves nothing", async ({ expect }) => {
    const outputDir = join(harness.workDir, "not-created");
    const result = await cli(drawPng("just the links", "--no-download", "-o", outputDir));
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/delivery\/\S+\/out-0\.png\n$/);
    await expect(readdir(outputDir)).rejects.toThrow(/ENOENT/);
  });

  it("sends the token with a download only to the API's own origin, in run and in watch", async ({
    expect,
  }) => {
    const proxy = await startHoldingProxy(harness.emulator.baseUrl, () => false, {
      foreignUrls: true,
    });
    try {
      // Through the proxy, the files are on another origin (the emulator's) than the API.
      const env = { REPLICATE_BASE_URL: proxy.baseUrl };
      const args = ["prompt=token rule", "width=16", "height=16", "--json", "-o"];
      const ran = await cli(["run", BUILTIN.drawPng.model, ...args, "a"], env);
      expect(ran).toMatchObject({ code: 0 });
      const { id, output } = JSON.parse(ran.stdout) as { id: string; output: string[] };
      expect(new URL(output[0]!).origin).toBe(new URL(harness.emulator.baseUrl).origin);
      expect((await cli(["predictions", "watch", id, "-o", "b"], env)).code).toBe(0);
      // And straight to the emulator, where the files are on the API's origin: the token goes.
      expect((await cli(["predictions", "watch", id, "-o", "c"])).code).toBe(0);
      const downloads = harness.emulator.requests.filter(
        (r) => r.path === new URL(output[0]!).pathname,
      );
      expect(downloads.map((r) => r.headers.authorization)).toEqual([
        undefined,
        undefined,
        "Bearer [redacted]",
      ]);
    } finally {
      await proxy.close();
    }
  });

  it("key=@path uploads the file through the Files API and passes its URL", async ({ expect }) => {
    await writeFile(join(harness.workDir, "name.txt"), "Ada Lovelace");
    // A bare version id has no schema to say that text is a string, so @name.txt is a file.
    const result = await cli(["run", BUILTIN.helloWorld.version, "text=@name.txt", "--json"]);
    expect(result).toMatchObject({ code: 0 });
    const url = JSON.parse(result.stdout).input.text as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/files\/\w+$/);
    const file = await harness.replicate.files.get({ fileId: url.split("/").pop()! });
    expect(file).toMatchObject({ name: "name.txt", size: "Ada Lovelace".length });
  });

  it("key=@path of a missing file exits 2 before anything is sent", async ({ expect }) => {
    const result = await cli(["run", BUILTIN.helloWorld.version, "text=@no-such-file.txt"]);
    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toBe(
      "Error: No such file: no-such-file.txt (give the path of a local file).\n",
    );
  });
});

// Alone, since the fault it injects would hit any download of the emulator's files.
describe("replicate-ts run and predictions watch, with expired file outputs", () => {
  const EXPIRED =
    /^Error: The file at http:\/\/\S+\/out-0\.png is gone \(410\): it may have expired, since Replicate deletes the outputs of API predictions one hour after they finish\./;

  it("run exits 3 saying the file is gone", async () => {
    harness.emulator.faults.add({ method: "GET", path: "/delivery/**", status: 410 });
    const result = await cli(drawPng("gone"));
    expect(result).toMatchObject({ code: 3, stdout: "" });
    expect(result.stderr).toMatch(EXPIRED);
  });

  it("predictions watch exits 3 saying the file is gone", async () => {
    const created = await harness.replicate.predictions.create({
      version: BUILTIN.drawPng.model,
      input: { prompt: "gone later", width: 16, height: 16 },
    });
    await harness.replicate.predictions.wait(created);
    harness.emulator.faults.add({ method: "GET", path: "/delivery/**", status: 410 });
    const result = await cli(["predictions", "watch", created.id, "-o", "expired"]);
    expect(result).toMatchObject({ code: 3, stdout: "" });
    expect(result.stderr).toMatch(EXPIRED);
  });
});
