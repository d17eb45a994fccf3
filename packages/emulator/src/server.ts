import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { createEmulatorApp, type EmulatorHandles } from "./app";
import { checkListenOptions, type StartEmulatorOptions } from "./options";
import { socketConnection } from "./pipeline/connection";

/** A running emulator: an HTTP server plus the test handles. */
export interface RunningEmulator extends EmulatorHandles {
  /** The server's origin, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** The API base URL to give clients: `url` + `/v1`. */
  readonly baseUrl: string;
  /** The port it listens on (useful with `port: 0`). */
  readonly port: number;
  /** Stops listening, ends open connections (streams included) and cleans up. */
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts the emulator on a real port.
 *
 * @example
 * const emulator = await startEmulator({ port: 0, speed: 100 });
 * const replicate = new Replicate({ auth: "test-token", baseUrl: emulator.baseUrl });
 * // ...
 * await emulator.close();
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port, host } = checkListenOptions(options);
  const { port: _port, host: _host, ...appOptions } = options;
  const emulator = createEmulatorApp(appOptions);
  await emulator.ready;

  const server = createAdaptorServer({
    // The adapter would otherwise replace the host's global Request and Response for good.
    overrideGlobalObjects: false,
    fetch: (request, env) => {
      const incoming = "incoming" in env ? env.incoming : undefined;
      const socket = incoming && "socket" in incoming ? incoming.socket : undefined;
      return emulator.handle(
        request,
        socketConnection(socket as import("node:net").Socket | undefined),
      );
    },
  }) as Server;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${address.port}`;

  let closing: Promise<void> | undefined;
  const { fetch: _fetch, handle: _handle, ready: _ready, close: closeApp, ...handles } = emulator;
  return Object.assign(handles, {
    url,
    baseUrl: `${url}/v1`,
    port: address.port,
    fileDownloadUrl: (fileId: string, { origin = url, expiresInSeconds = 3600 } = {}) =>
      emulator.fileDownloadUrl(fileId, { origin, expiresInSeconds }),
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await closeApp();
      })();
      return closing;
    },
  });
}
