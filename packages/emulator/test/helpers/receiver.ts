import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request a {@link WebhookReceiver} got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

/** A real HTTP server on loopback that records webhook POSTs. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status to answer the next requests with, one per request (then 200). */
  failNext(...statuses: number[]): void;
  /** Resolves once `count` requests matching `predicate` have arrived. */
  waitFor(
    count: number,
    predicate?: (hook: ReceivedWebhook) => boolean,
  ): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({
        headers: request.headers,
        body,
        json: JSON.parse(body) as Record<string, unknown>,
      });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    failNext: (...next) => statuses.push(...next),
    async waitFor(count, predicate = () => true) {
      for (let i = 0; i < 500; i++) {
        const matching = received.filter(predicate);
        if (matching.length >= count) return matching;
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 20);
        });
      }
      throw new Error(`Expected ${count} webhooks, got ${received.filter(predicate).length}.`);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
