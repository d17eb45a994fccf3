import type { Hono } from "hono";
import type { EmulatorEnv } from "../pipeline/context";
import { notFound } from "../problem";
import { eventStream, parseLastEventId } from "../streaming/sse";
import type { RouteDependencies } from "./deps";

/**
 * Routes that need no token, like Replicate's streaming host and replicate.delivery: a
 * prediction's server-sent event stream (its URL is the credential) and model output files.
 */
export function capabilityUrlRoutes(app: Hono<EmulatorEnv>, deps: RouteDependencies): void {
  app.get("/streams/:token", (c) => {
    const job = deps.store.predictions.byStreamToken(c.req.param("token"));
    if (!job) throw notFound("Stream not found.");
    const body = eventStream(job, deps.engine, {
      lastEventId: parseLastEventId(c.req.header("last-event-id")),
      dropAfterEvents: c.get("dropStreamAfterEvents"),
      connection: c.env.connection,
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store",
        "x-accel-buffering": "no",
      },
    });
  });

  app.get("/delivery/:id/:filename", (c) => {
    const delivery = deps.store.deliveries.get(c.req.param("id"));
    if (!delivery) throw notFound("File not found.");
    return new Response(delivery.bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": delivery.contentType,
        "content-length": String(delivery.bytes.byteLength),
        "cache-control": "public, max-age=3600",
      },
    });
  });

  app.get("/", (c) =>
    c.json({
      name: "replicate-ts emulator",
      api: `${new URL(c.req.url).origin}/v1`,
      docs: "https://replicate.com/docs/reference/http",
    }),
  );
}
