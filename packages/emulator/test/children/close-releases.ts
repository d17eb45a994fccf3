/**
 * Leaves every kind of pending work behind (a long `Prefer: wait` with a webhook to a receiver that
 * never answers, an open stream, a fault delay, an in-process wait), then closes the emulators.
 * Nothing may keep the process alive after close(): it has to exit on its own.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulatorApp, startEmulator } from "../../src/index";

const silent = createServer(() => {});
await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
const webhook = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/hook`;

const headers = { authorization: "Bearer t", "content-type": "application/json" };
const server = await startEmulator({ port: 0, speed: 1, quiet: true });
const app = createEmulatorApp({ speed: 1, quiet: true });

const outcome = (promise: Promise<Response>) =>
  promise.then(
    (response) => String(response.status),
    (error: unknown) => (error instanceof Error ? error.name : "error"),
  );
const waiting = outcome(
  fetch(`${server.baseUrl}/predictions`, {
    method: "POST",
    headers: { ...headers, prefer: "wait=60" },
    body: JSON.stringify({ version: "replicate-ts/slow", input: { seconds: 100 }, webhook }),
  }),
);
const streamed = (await (
  await fetch(`${server.baseUrl}/predictions`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      version: "replicate-ts/stream-text",
      input: { prompt: "hi", max_tokens: 512 },
    }),
  })
).json()) as { urls: { stream: string } };
const reading = fetch(streamed.urls.stream).then(
  (response) =>
    response.text().then(
      () => "ended",
      () => "cut",
    ),
  () => "cut",
);
server.faults.add({ path: "/account", delayMs: 60_000 });
const delayed = outcome(fetch(`${server.baseUrl}/account`, { headers }));
const inProcess = outcome(
  app.fetch("http://emulator.test/v1/predictions", {
    method: "POST",
    headers: { ...headers, prefer: "wait=60" },
    body: JSON.stringify({ version: "replicate-ts/slow", input: { seconds: 100 } }),
  }),
);
app.faults.add({ path: "/account", delayMs: 60_000 });
const inProcessDelayed = outcome(app.fetch("http://emulator.test/v1/account", { headers }));

await new Promise((resolve) => setTimeout(resolve, 300));
await Promise.all([server.close(), app.close()]);
silent.closeAllConnections();
silent.close();
console.log(
  JSON.stringify({
    waiting: await waiting,
    reading: await reading,
    delayed: await delayed,
    inProcess: await inProcess,
    inProcessDelayed: await inProcessDelayed,
  }),
);
console.log("closed");
