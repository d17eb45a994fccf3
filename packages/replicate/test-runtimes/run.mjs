// `npm run test:runtimes`: runs the same smoke scenario with the packed SDK in Node (ESM and
// CommonJS), Bun, Deno and Cloudflare's workerd (through miniflare), against one emulator on
// loopback. Prints a step-by-runtime table and exits 1 if any step failed. Every runtime comes
// from node_modules (npm devDependencies); nothing is downloaded.
import { spawn } from "node:child_process";
import { cp } from "node:fs/promises";
import { createServer } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { ensureBuilt } from "../scripts/support/build.mjs";
import { createConsumer, repositoryRoot } from "../scripts/support/consumer.mjs";
import { formatTable, STATUS_LABEL } from "../scripts/support/table.mjs";
import { RESULT_MARKER } from "./programs/scenario.mjs";

/** A runtime that hangs (a stuck poll, a lost connection) fails after this long. */
const RUNTIME_TIMEOUT_MS = 60_000;
/** Cloudflare's compatibility date the Worker is run with (at most the bundled workerd's date). */
const WORKERS_COMPATIBILITY_DATE = "2026-04-01";

const programsDir = fileURLToPath(new URL("./programs", import.meta.url));
const bin = (name) => join(repositoryRoot, "node_modules", ".bin", name);

/** Runs a smoke program as a child process and returns its parsed result line. */
function runProcess(command, args, { cwd, env = {} }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), RUNTIME_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ crash: `could not start ${command}: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split("\n").find((text) => text.startsWith(RESULT_MARKER));
      if (line) return resolve(JSON.parse(line.slice(RESULT_MARKER.length)));
      const reason = signal ? `killed (${signal}) after ${RUNTIME_TIMEOUT_MS} ms` : `exit ${code}`;
      resolve({ crash: `${reason}, no result.\n${stdout}${stderr}`.trim() });
    });
  });
}

/** Bundles the Worker with esbuild (browser platform, workerd conditions), runs it in miniflare. */
async function runWorker(consumerDir, config) {
  const outfile = join(consumerDir, "worker.bundle.mjs");
  const bundled = await build({
    entryPoints: [join(consumerDir, "worker.mjs")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    logLevel: "silent",
  }).catch((error) => error);
  if (bundled instanceof Error)
    return { crash: `esbuild could not bundle the Worker: ${bundled.message}` };
  const miniflare = new Miniflare({
    modules: true,
    scriptPath: outfile,
    modulesRoot: consumerDir,
    compatibilityDate: WORKERS_COMPATIBILITY_DATE,
    // No nodejs_compat flag: the SDK must not need Node's APIs on Workers.
  });
  try {
    const response = await miniflare.dispatchFetch("http://smoke.test/", {
      method: "POST",
      body: JSON.stringify(config),
      signal: AbortSignal.timeout(RUNTIME_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) return { crash: `the Worker answered ${response.status}: ${text}` };
    return JSON.parse(text);
  } catch (error) {
    return { crash: `miniflare: ${error.message}` };
  } finally {
    await miniflare.dispose().catch(() => {});
  }
}

/** Receives the emulator's webhook deliveries and hands them back, raw, to the smoke programs. */
async function startWebhookReceiver() {
  const deliveries = new Map();
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      const [, kind, tag] = request.url.split("/");
      if (request.method === "POST" && kind === "hooks") {
        const list = deliveries.get(tag) ?? [];
        list.push({
          url: `http://${request.headers.host}${request.url}`,
          headers: request.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        deliveries.set(tag, list);
        response.writeHead(204).end();
      } else if (request.method === "GET" && kind === "deliveries") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(deliveries.get(tag) ?? []));
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const RUNTIMES = [
  {
    name: "Node ESM",
    tag: "node-esm",
    run: (dir, config) => runProcess(process.execPath, ["node-esm.mjs", config], { cwd: dir }),
  },
  {
    name: "Node CJS",
    tag: "node-cjs",
    run: (dir, config) => runProcess(process.execPath, ["node-cjs.cjs", config], { cwd: dir }),
  },
  {
    name: "Bun",
    tag: "bun",
    run: (dir, config) => runProcess(bin("bun"), ["--no-install", "bun.mjs", config], { cwd: dir }),
  },
  {
    name: "Deno",
    tag: "deno",
    run: (dir, config) =>
      runProcess(
        bin("deno"),
        ["run", "--quiet", "--no-prompt", "--no-lock", "--allow-net=127.0.0.1", "deno.mjs", config],
        { cwd: dir, env: { DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1" } },
      ),
  },
  {
    name: "workerd",
    tag: "workerd",
    run: (dir, config) => runWorker(dir, JSON.parse(config)),
  },
];

function printReport(results) {
  const stepNames = [];
  for (const { result } of results) {
    for (const step of result.steps ?? []) {
      if (!stepNames.includes(step.name)) stepNames.push(step.name);
    }
  }
  const cell = (result, name) => {
    if (result.crash) return STATUS_LABEL.fail;
    const step = result.steps.find((candidate) => candidate.name === name);
    return step ? STATUS_LABEL[step.status] : STATUS_LABEL.fail;
  };
  const rows = [
    ["step", ...results.map(({ runtime }) => runtime.name)],
    ...stepNames.map((name) => [name, ...results.map(({ result }) => cell(result, name))]),
    ["time", ...results.map(({ ms }) => `${(ms / 1000).toFixed(1)} s`)],
  ];
  console.log(formatTable(rows));

  console.log("\nRuntimes and entries:");
  for (const { runtime, result } of results) {
    const load = result.steps?.find((step) => step.name === "load the SDK");
    console.log(`  ${runtime.name}: ${load?.detail ?? result.runtime ?? "did not start"}`);
  }
  let failures = 0;
  let pending = 0;
  for (const { runtime, result } of results) {
    if (result.crash) {
      failures++;
      console.log(`\n--- ${runtime.name} crashed ---\n${result.crash}`);
      continue;
    }
    for (const step of result.steps) {
      if (step.status === "fail") {
        failures++;
        console.log(`\n--- ${runtime.name}: ${step.name} ---\n${step.detail}`);
      }
      if (step.status === "pending") pending++;
    }
  }
  const pendingNames = [
    ...new Set(
      results.flatMap(({ result }) =>
        (result.steps ?? []).filter((step) => step.status === "pending").map((step) => step.name),
      ),
    ),
  ];
  if (pending)
    console.log(`\nPending (not run, not counted as passing): ${pendingNames.join(", ")}`);
  console.log(failures ? `\n${failures} runtime check(s) failed.` : "\nAll runtime checks passed.");
  return failures;
}

async function main() {
  ensureBuilt("replicate", "replicate-ts");
  ensureBuilt("emulator", "@replicate-ts/emulator");
  // Imported only now: the build above may just have created it.
  const { startEmulator } = await import("@replicate-ts/emulator").catch((error) => {
    throw new Error(
      `The emulator's build cannot be loaded (npm run build -w @replicate-ts/emulator): ${error.message}`,
    );
  });
  const only = process.argv.slice(2).map((name) => name.toLowerCase());
  const selected = only.length
    ? RUNTIMES.filter((runtime) => only.includes(runtime.tag))
    : RUNTIMES;

  const consumer = await createConsumer({ prefix: "replicate-ts-runtimes-" });
  await cp(programsDir, consumer.dir, { recursive: true });
  const emulator = await startEmulator({ port: 0, speed: 100, pageSize: 2, quiet: true });
  const receiver = await startWebhookReceiver();
  const results = [];
  try {
    for (const runtime of selected) {
      const config = JSON.stringify({
        baseUrl: emulator.baseUrl,
        token: "r8_smoke_test_token",
        webhookReceiver: receiver.url,
        tag: runtime.tag,
      });
      const started = performance.now();
      const result = await runtime.run(consumer.dir, config);
      results.push({ runtime, result, ms: performance.now() - started });
    }
  } finally {
    await receiver.close();
    await emulator.close();
    if (!process.env.KEEP_RUNTIME_CONSUMER) await consumer.remove();
    else console.log(`Consumer project kept at ${consumer.dir}`);
  }
  if (printReport(results) > 0) process.exitCode = 1;
}

await main();
