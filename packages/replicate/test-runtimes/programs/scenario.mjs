// The smoke scenario every runtime runs, written once in plain JavaScript with web APIs only (no
// Node globals, no node: imports), so that Node, Bun, Deno and workerd all load it unchanged.
// Each program imports the SDK the way a user of that runtime would and hands it in as `sdk`.
// Every step talks to the emulator over loopback and throws when the SDK misbehaves.

/** Marks the smoke program's one result line on stdout; the runner parses what follows. */
export const RESULT_MARKER = "@@replicate-ts-smoke ";

/**
 * Steps whose SDK feature has not landed yet: they are reported as "pending", never as passing.
 * Remove a name once its feature is in, and the step runs for real.
 */
const PENDING = new Map([]);

const HELLO_WORLD = "replicate/hello-world";
const STREAM_TEXT = "replicate-ts/stream-text";
const DRAW_PNG = "replicate-ts/draw-png";

/** Which runtime this is, from globals only that runtime has. */
export function detectRuntime() {
  const runtime = globalThis;
  if (typeof runtime.Deno?.version?.deno === "string") return `deno ${runtime.Deno.version.deno}`;
  if (typeof runtime.Bun?.version === "string") return `bun ${runtime.Bun.version}`;
  if (runtime.navigator?.userAgent === "Cloudflare-Workers") return "workerd";
  if (typeof runtime.process?.versions?.node === "string") {
    return `node ${runtime.process.versions.node}`;
  }
  return "unknown";
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : "";
  return `${error.name}: ${error.message}${cause}`;
}

async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Polls the runner's webhook receiver until the emulator has delivered to `tag`. */
async function receivedWebhook(receiverUrl, tag) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await fetch(`${receiverUrl}/deliveries/${tag}`);
    const deliveries = await response.json();
    if (deliveries.length > 0) return deliveries[deliveries.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the emulator delivered no webhook to ${receiverUrl}/hooks/${tag} in 5 s`);
}

/**
 * Runs every step against the emulator at `config.baseUrl`.
 * @param {{ sdk: Record<string, unknown>, expectedRuntime: string, entry: string }} program
 * @param {{ baseUrl: string, token: string, webhookReceiver: string, tag: string }} config
 */
export async function runSmoke(program, config) {
  const { sdk } = program;
  const Replicate = sdk.Replicate;
  const steps = [];
  const step = async (name, body) => {
    if (PENDING.has(name)) {
      steps.push({ name, status: "pending", detail: PENDING.get(name) });
      return;
    }
    try {
      steps.push({ name, status: "pass", detail: String((await body()) ?? "") });
    } catch (error) {
      steps.push({ name, status: "fail", detail: describeError(error) });
    }
  };
  const replicate =
    typeof Replicate === "function"
      ? new Replicate({ auth: config.token, baseUrl: config.baseUrl, pollingInterval: 20 })
      : undefined;

  await step("load the SDK", () => {
    const runtime = detectRuntime();
    check(
      runtime.startsWith(program.expectedRuntime),
      `expected ${program.expectedRuntime}, running on ${runtime}`,
    );
    check(typeof Replicate === "function", "the module has no Replicate class");
    check(sdk.default === Replicate, "the default export is not the Replicate class");
    check(typeof sdk.VERSION === "string", "the module has no VERSION");
    return `${runtime}, ${program.entry}`;
  });

  await step("create + wait", async () => {
    const model = await replicate.models.get({ modelOwner: "replicate", modelName: "hello-world" });
    const versionId = model.latestVersion?.id;
    check(typeof versionId === "string", "models.get() gave no latest version");
    const created = await replicate.predictions.create({
      version: `${HELLO_WORLD}:${versionId}`,
      input: { text: config.tag },
    });
    check(created instanceof sdk.Prediction, "create() did not return a Prediction");
    const done = await replicate.predictions.wait(created);
    check(done.status === "succeeded", `status ${done.status}, error ${done.error}`);
    check(done.output === `hello ${config.tag}`, `output ${JSON.stringify(done.output)}`);
    check(done.createdAt instanceof Date, "createdAt is not a Date");
    return `${done.id} ${done.status}`;
  });

  await step("run", async () => {
    const output = await replicate.run(HELLO_WORLD, { input: { text: "run" } });
    check(output === "hello run", `output ${JSON.stringify(output)}`);
    return JSON.stringify(output);
  });

  await step("injected fetch", async () => {
    // Users pass the global fetch as an option; Workers throw "Illegal invocation" if the SDK
    // then calls it as a method of something else.
    const withFetch = new Replicate({
      auth: config.token,
      baseUrl: config.baseUrl,
      fetch: globalThis.fetch,
    });
    const model = await withFetch.models.get({ modelOwner: "replicate", modelName: "hello-world" });
    check(model.name === "hello-world", `models.get() gave ${model.name}`);
    return "new Replicate({ fetch: globalThis.fetch }) works";
  });

  await step("paginate", async () => {
    // The runner's emulator serves 2 items per page, so 3 new predictions span pages.
    const ids = [];
    for (let index = 0; index < 3; index++) {
      const prediction = await replicate.predictions.create({
        model: HELLO_WORLD,
        input: { text: `page ${index}` },
      });
      ids.push(prediction.id);
    }
    const first = await replicate.predictions.list();
    check(first.results.length === 2, `first page has ${first.results.length} items, not 2`);
    check(first.hasNextPage, "the first page says there is no next page");
    const second = await first.next();
    check(
      !second.results.some((item) => first.results.some((seen) => seen.id === item.id)),
      "the second page repeats the first",
    );
    const walked = new Set();
    let pages = 0;
    for await (const prediction of replicate.predictions.list()) {
      walked.add(prediction.id);
      pages++;
    }
    const missing = ids.filter((id) => !walked.has(id));
    check(missing.length === 0, `for await missed ${missing.join(", ")}`);
    return `${pages} predictions walked with for await`;
  });

  await step("stream output", async () => {
    // stream-text echoes "You said: <prompt>." one word per event before making words up, so
    // three tokens are exactly predictable.
    let text = "";
    const kinds = new Set();
    const stream = replicate.stream(STREAM_TEXT, { input: { prompt: "smoke", max_tokens: 3 } });
    for await (const event of stream) {
      kinds.add(event.event);
      if (event.event === "output") text += event.data;
    }
    check(text === "You said: smoke.", `streamed ${JSON.stringify(text)}`);
    check(kinds.has("done"), `no done event (got ${[...kinds].join(", ")})`);
    return `${JSON.stringify(text)} (events: ${[...kinds].join(", ")})`;
  });

  await step("upload a file", async () => {
    const content = `smoke test from ${program.expectedRuntime}\n`;
    const bytes = new TextEncoder().encode(content);
    const file = await replicate.files.create({
      file: new Blob([bytes], { type: "text/plain" }),
      filename: "smoke.txt",
    });
    check(file.size === bytes.byteLength, `size ${file.size}, sent ${bytes.byteLength}`);
    // The server's checksum of what it stored proves the bytes arrived intact.
    const checksum = await sha256Hex(bytes);
    const stored = await replicate.files.get({ fileId: file.id });
    check(
      stored.checksums.sha256 === checksum,
      `sha256 ${stored.checksums.sha256}, sent ${checksum}`,
    );
    // Bun's Blob adds ";charset=utf-8" to a text type, and the SDK sends the Blob's type.
    check(stored.contentType.startsWith("text/plain"), `content type ${stored.contentType}`);
    await replicate.files.delete({ fileId: file.id });
    return `${file.id}, ${file.size} bytes, sha256 matches`;
  });

  await step("read a file output", async () => {
    const [image] = await replicate.run(DRAW_PNG, {
      input: { prompt: "smoke", width: 16, height: 16, num_inference_steps: 1 },
    });
    check(image instanceof sdk.FileOutput, `run() gave ${typeof image}, not a FileOutput`);
    const bytes = new Uint8Array(await (await image.blob()).arrayBuffer());
    const signature = Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16)).join(" ");
    check(signature === "89 50 4e 47", `not a PNG: starts with ${signature}`);
    check(String(image) === image.url, "String(output) is not its URL");
    return `${image.filename}, ${bytes.byteLength} bytes of PNG`;
  });

  await step("verify a webhook", async () => {
    const prediction = await replicate.predictions.create({
      model: HELLO_WORLD,
      input: { text: "webhook" },
      webhook: `${config.webhookReceiver}/hooks/${config.tag}`,
      webhookEventsFilter: ["completed"],
    });
    await replicate.predictions.wait(prediction);
    const delivery = await receivedWebhook(config.webhookReceiver, config.tag);
    const secret = await replicate.webhooks.defaultSecret();
    const asRequest = (body) =>
      new Request(delivery.url, { method: "POST", headers: delivery.headers, body });
    check(
      (await sdk.validateWebhook(asRequest(delivery.body), secret.key)) === true,
      "validateWebhook(request, secret) refused a genuine delivery",
    );
    check(
      (await sdk.validateWebhook({
        headers: delivery.headers,
        body: delivery.body,
        secret: secret.key,
      })) === true,
      "validateWebhook({ headers, body, secret }) refused a genuine delivery",
    );
    const forged = delivery.body.replace("hello webhook", "hello forged!");
    check(forged !== delivery.body, "the delivery does not carry the prediction's output");
    check(
      (await sdk.validateWebhook(asRequest(forged), secret.key)) === false,
      "validateWebhook() accepted a forged body",
    );
    const parsed = await sdk.parseWebhook(asRequest(delivery.body), secret.key);
    check(parsed instanceof sdk.Prediction, "parseWebhook() did not give a Prediction");
    check(parsed.id === prediction.id, `parseWebhook() gave ${parsed.id}, not ${prediction.id}`);
    return `delivery ${delivery.headers["webhook-id"]} verified, forged body refused`;
  });

  return { runtime: detectRuntime(), steps };
}

/** Prints the result line the runner looks for. */
export function printResult(result) {
  console.log(RESULT_MARKER + JSON.stringify(result));
}
