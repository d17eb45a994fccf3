import { createServer, request as forward, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A proxy started by {@link startHoldingProxy}. */
export interface HoldingProxy {
  /** The proxy's API base URL: give it to the CLI instead of the emulator's. */
  baseUrl: string;
  /** Resolves once the emulator has answered a matching request and the proxy holds the answer. */
  held: Promise<void>;
  /** Sends the held answer (and every later one) on to the client. */
  release(): void;
  close(): Promise<void>;
}

/**
 * A loopback `node:http` proxy in front of the emulator that holds back the answer to the first
 * request `matches` accepts, after the emulator has acted on it: the prediction exists on the
 * server, but the client has not heard its id yet (as over a slow network, or while a
 * `Prefer: wait` request is open). Other requests, streams included, pass straight through. The
 * Host header is passed on, so that URLs in the answers point back at the proxy; with
 * `foreignUrls`, the emulator's own host is sent instead, so that the file URLs in the answers
 * are on another origin than the API the client talks to (as replicate.delivery is).
 */
export async function startHoldingProxy(
  emulatorBaseUrl: string,
  matches: (request: IncomingMessage) => boolean,
  { foreignUrls = false } = {},
): Promise<HoldingProxy> {
  const target = new URL(emulatorBaseUrl);
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => {
    markHeld = resolve;
  });
  let holding = false;

  const server = createServer((incoming, outgoing) => {
    const hold = !holding && matches(incoming);
    if (hold) holding = true;
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: foreignUrls ? { ...incoming.headers, host: target.host } : incoming.headers,
      },
      async (answer) => {
        if (hold) {
          // Read the whole answer, then keep it until released.
          const chunks: Buffer[] = [];
          for await (const chunk of answer) chunks.push(chunk as Buffer);
          markHeld();
          await released;
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          outgoing.end(Buffer.concat(chunks));
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    held,
    release,
    close: () =>
      new Promise<void>((resolve) => {
        release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
