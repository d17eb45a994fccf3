import { Hono } from "hono";
import { ManualClock } from "../clock";
import type { FaultOptions, FaultRegistry } from "../faults";
import { authenticate } from "../pipeline/auth";
import type { EmulatorEnv } from "../pipeline/context";
import { ApiProblem, notFound } from "../problem";
import type { RequestLog } from "../request-log";
import type { RouteDependencies } from "./deps";
import { empty, json } from "./responses";

/** What the control endpoints act on. */
export interface ControlHandles {
  faults: FaultRegistry;
  requests: RequestLog;
  reset: () => Promise<void>;
}

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiProblem(400, "The control endpoint needs a JSON body.");
  }
}

/**
 * Test controls under `/_emulator/` (never recorded in the request log, never faulted, no CORS;
 * a token is needed only when the emulator has a token list):
 *
 * - `GET /_emulator/health`
 * - `GET|POST|DELETE /_emulator/faults`, `DELETE /_emulator/faults/{id}`
 * - `GET|DELETE /_emulator/requests`
 * - `POST /_emulator/reset`
 * - `GET /_emulator/webhooks` (secret and delivery attempts)
 * - `GET /_emulator/files/{id}/download-url?expires_in=3600`
 * - `POST /_emulator/clock/advance` `{ "ms": 1000 }` (only with a ManualClock)
 */
export function controlRoutes(
  deps: RouteDependencies,
  handles: ControlHandles,
  tokens: ReadonlySet<string> | undefined,
): Hono<EmulatorEnv> {
  const control = new Hono<EmulatorEnv>();
  // An emulator that checks tokens checks them here too: these endpoints can reset everything.
  if (tokens) control.use("*", authenticate(tokens));

  control.get("/health", () => json({ ok: true }));

  control.get("/faults", () => json({ faults: handles.faults.toJSON() }));
  control.post("/faults", async (c) => {
    const body = (await readJson(c.req.raw)) as FaultOptions;
    try {
      const fault = handles.faults.add(body);
      return json(
        { ...fault, remaining: Number.isFinite(fault.remaining) ? fault.remaining : "always" },
        201,
      );
    } catch (error) {
      throw new ApiProblem(400, error instanceof Error ? error.message : String(error));
    }
  });
  control.delete("/faults", () => {
    handles.faults.clear();
    return empty(204);
  });
  control.delete("/faults/:id", (c) => {
    if (!handles.faults.remove(c.req.param("id"))) throw notFound("No fault with that id.");
    return empty(204);
  });

  control.get("/requests", () => json({ requests: handles.requests.toJSON() }));
  control.delete("/requests", () => {
    handles.requests.clear();
    return empty(204);
  });

  control.post("/reset", async () => {
    await handles.reset();
    return empty(204);
  });

  control.get("/webhooks", () =>
    json({ secret: deps.webhookSecret(), deliveries: deps.webhooks.deliveries }),
  );

  control.get("/files/:id/download-url", (c) => {
    const file = deps.store.files.get(c.req.param("id"));
    if (!file) throw notFound("File not found");
    const expiresIn = Number(c.req.query("expires_in") ?? 3600);
    if (!(Number.isFinite(expiresIn) && expiresIn > 0)) {
      throw new ApiProblem(400, "expires_in must be a positive number of seconds.");
    }
    return json({ url: deps.downloads.url(file.id, new URL(c.req.url).origin, expiresIn) });
  });

  control.post("/clock/advance", async (c) => {
    if (!(deps.clock instanceof ManualClock)) {
      throw new ApiProblem(
        409,
        "The clock only advances by hand when the emulator runs on a ManualClock.",
      );
    }
    const body = (await readJson(c.req.raw)) as { ms?: unknown };
    if (typeof body.ms !== "number" || !(body.ms >= 0))
      throw new ApiProblem(400, 'Send { "ms": <milliseconds> }.');
    await deps.clock.advance(body.ms);
    return json({ now: new Date(deps.clock.now()).toISOString() });
  });

  return control;
}
