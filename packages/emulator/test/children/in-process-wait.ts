/**
 * A plain script that uses the emulator in process, as a user would: it awaits a `Prefer: wait`
 * answer and a whole stream, then closes the emulator. Node must keep running until both arrive.
 */
import { createEmulatorApp } from "../../src/index";

const emulator = createEmulatorApp({ quiet: true, speed: 20 });
const headers = { authorization: "Bearer t", "content-type": "application/json" };

const waited = await emulator.fetch("http://emulator.test/v1/predictions", {
  method: "POST",
  headers: { ...headers, prefer: "wait" },
  body: JSON.stringify({ version: "replicate/hello-world", input: { text: "in process" } }),
});
const prediction = (await waited.json()) as { output: string };
console.log(`wait: ${waited.status} ${prediction.output}`);

const created = await emulator.fetch("http://emulator.test/v1/predictions", {
  method: "POST",
  headers,
  body: JSON.stringify({ version: "replicate-ts/stream-text", input: { prompt: "hi" } }),
});
const { urls } = (await created.json()) as { urls: { stream: string } };
const text = await (await emulator.fetch(urls.stream)).text();
console.log(`stream: ${text.includes("event: done") ? "done" : "cut short"}`);

await emulator.close();
