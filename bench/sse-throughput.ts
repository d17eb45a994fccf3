/**
 * SSE throughput: replicate-ts `predictions.stream()` against eventsource-parser used directly on
 * bare `fetch`, reading the same bytes from the same loopback server (200,000 output events
 * written in 64 KiB slices, as in the benchmark issue). Prints events/s (median of several runs,
 * alternating the contenders) and each ratio to the direct parser. `for await` over events costs a
 * promise per event, which no parser can win back; `batches()` takes one per network chunk, and
 * `forEach()` hands each event to a callback as the parser produces it.
 *
 *   npx tsx bench/sse-throughput.ts [--events 200000] [--runs 7]
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createParser } from "eventsource-parser";
import Replicate, { Prediction } from "replicate-ts";

const args = new Map(
  process.argv
    .slice(2)
    .flatMap((arg, index, all) =>
      arg.startsWith("--") ? [[arg.slice(2), all[index + 1] ?? ""]] : [],
    ),
);
const EVENTS = Number(args.get("events") ?? 200_000);
const RUNS = Number(args.get("runs") ?? 7);
const SLICE_BYTES = 64 * 1024;

/** The whole stream, built once: output events with ids, then done. */
function buildStream(): Buffer {
  const parts: string[] = [];
  for (let index = 1; index <= EVENTS; index++) {
    parts.push(`id: ${index}\nevent: output\ndata: token${index % 1000} \n\n`);
  }
  parts.push(`id: ${EVENTS + 1}\nevent: done\ndata: {}\n\n`);
  return Buffer.from(parts.join(""));
}

async function main(): Promise<void> {
  const body = buildStream();
  const server = createServer((request, response) => {
    if (!request.url?.startsWith("/stream")) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/event-stream" });
    let offset = 0;
    const writeMore = () => {
      while (offset < body.byteLength) {
        const slice = body.subarray(offset, offset + SLICE_BYTES);
        offset += slice.byteLength;
        if (!response.write(slice)) {
          response.once("drain", writeMore);
          return;
        }
      }
      response.end();
    };
    writeMore();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const streamUrl = `${origin}/stream/p1`;

  const replicate = new Replicate({ auth: "r8_bench", baseUrl: `${origin}/v1` });
  const prediction = new Prediction({
    id: "p1",
    model: "bench/stream",
    version: "v1",
    input: {},
    status: "processing",
    created_at: new Date().toISOString(),
    urls: {
      get: `${origin}/v1/predictions/p1`,
      cancel: `${origin}/v1/predictions/p1/cancel`,
      stream: streamUrl,
      web: "",
    },
  } as ConstructorParameters<typeof Prediction>[0]);

  const contenders: Record<string, () => Promise<number>> = {
    "eventsource-parser on fetch": async () => {
      let outputs = 0;
      let done = false;
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === "output") outputs++;
          else if (event.event === "done") done = true;
        },
      });
      const response = await fetch(streamUrl, { headers: { accept: "text/event-stream" } });
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
      if (!done) throw new Error("eventsource-parser: no done event");
      return outputs;
    },
    "replicate-ts stream.forEach(callback)": async () => {
      let outputs = 0;
      let done = false;
      await replicate.predictions.stream(prediction).forEach((event) => {
        if (event.event === "output") outputs++;
        else if (event.event === "done") done = true;
      });
      if (!done) throw new Error("replicate-ts: no done event");
      return outputs;
    },
    "replicate-ts stream.batches()": async () => {
      let outputs = 0;
      let done = false;
      for await (const events of replicate.predictions.stream(prediction).batches()) {
        for (const event of events) {
          if (event.event === "output") outputs++;
          else if (event.event === "done") done = true;
        }
      }
      if (!done) throw new Error("replicate-ts: no done event");
      return outputs;
    },
    "replicate-ts for await (event of stream)": async () => {
      let outputs = 0;
      let done = false;
      for await (const event of replicate.predictions.stream(prediction)) {
        if (event.event === "output") outputs++;
        else if (event.event === "done") done = true;
      }
      if (!done) throw new Error("replicate-ts: no done event");
      return outputs;
    },
  };

  const rates: Record<string, number[]> = {};
  // One warm-up each, then alternate, so that neither side gets the JIT's or the clock's favour.
  for (let run = -1; run < RUNS; run++) {
    for (const [name, contender] of Object.entries(contenders)) {
      const started = performance.now();
      const outputs = await contender();
      const seconds = (performance.now() - started) / 1000;
      if (outputs !== EVENTS)
        throw new Error(`${name} saw ${outputs} output events, not ${EVENTS}`);
      if (run >= 0) {
        rates[name] ??= [];
        rates[name].push(EVENTS / seconds);
      }
    }
  }
  server.close();

  const median = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const names = Object.keys(contenders);
  const direct = median(rates[names[0]!]!);
  console.log(
    `SSE throughput: ${EVENTS} output events in ${SLICE_BYTES / 1024} KiB slices, median of ${RUNS} runs (Node ${process.version})`,
  );
  for (const name of names) {
    const rate = median(rates[name]!);
    console.log(
      `  ${name.padEnd(42)} ${Math.round(rate).toLocaleString("en-US").padStart(12)} events/s  ${(rate / direct).toFixed(2)}x`,
    );
  }
  console.log("  (ratios to eventsource-parser on fetch; the issue 8 target is >= 0.90x)");
}

await main();
