/**
 * Bare `fetch`, the floor: the fewest steps that do each task correctly, with no client around
 * them. Streams are parsed with eventsource-parser used directly on the response bytes.
 */
import { openAsBlob } from "node:fs";
import { createParser } from "eventsource-parser";
import { BENCH_VERSION } from "../support/wire";
import type { AdapterContext, ClientAdapter, PredictionSummary } from "./types";

const INPUT = { prompt: "a benchmark" };
const TERMINAL = new Set(["succeeded", "failed", "canceled", "aborted"]);
const POLLING_INTERVAL_MS = 500;

interface Wire extends PredictionSummary {
  urls: { get: string; stream?: string };
}

export function createAdapter({ origin, token }: AdapterContext): ClientAdapter {
  const base = `${origin}/v1`;
  const authorization = `Bearer ${token}`;

  async function json<T>(response: Response): Promise<T> {
    if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
    return (await response.json()) as T;
  }
  const create = async (headers: Record<string, string> = {}, extra = {}) =>
    json<Wire>(
      await fetch(`${base}/predictions`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json", ...headers },
        body: JSON.stringify({ version: BENCH_VERSION, input: INPUT, ...extra }),
      }),
    );
  const get = async (url: string) => json<Wire>(await fetch(url, { headers: { authorization } }));
  const summary = ({ id, status, output }: Wire): PredictionSummary => ({ id, status, output });

  return {
    create: async () => summary(await create()),
    get: async (id) => summary(await get(`${base}/predictions/${id}`)),
    async run() {
      let prediction = await create({ prefer: "wait" });
      while (!TERMINAL.has(prediction.status)) {
        await new Promise((resolve) => setTimeout(resolve, POLLING_INTERVAL_MS));
        prediction = await get(prediction.urls.get);
      }
      if (prediction.status !== "succeeded") throw new Error(`prediction ${prediction.status}`);
      return { id: prediction.id, output: prediction.output };
    },
    async stream(_style, onOutput) {
      const prediction = await create({}, { stream: true });
      const response = await fetch(prediction.urls.stream!, {
        headers: { accept: "text/event-stream" },
      });
      if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
      let done = false;
      const parser = createParser({
        onEvent: (event) => {
          if (event.event === "output") onOutput(event.data);
          else if (event.event === "done") done = true;
        },
      });
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      while (!done) {
        const chunk = await reader.read();
        if (chunk.done) break;
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
      await reader.cancel();
    },
    async listAll(visit) {
      let url: string | null = `${base}/predictions`;
      while (url) {
        const page: { next: string | null; results: Wire[] } = await json(
          await fetch(url, { headers: { authorization } }),
        );
        for (const prediction of page.results) visit(prediction.id);
        url = page.next;
      }
    },
    async upload(path) {
      const form = new FormData();
      form.append("content", await openAsBlob(path), "big.bin");
      const file = await json<{ id: string }>(
        await fetch(`${base}/files`, { method: "POST", headers: { authorization }, body: form }),
      );
      return file.id;
    },
  };
}
