import { Hono } from "hono";
import { cors } from "hono/cors";
import type { Clock } from "./clock";
import { JobEngine } from "./engine/engine";
import { FaultRegistry } from "./faults";
import { DownloadSigner } from "./files/signing";
import { FileStorage } from "./files/storage";
import { Paginator } from "./http/pagination";
import { loadPublicCatalog } from "./models/public-catalog";
import type { ModelDefinition } from "./models/types";
import { type EmulatorOptions, resolveOptions } from "./options";
import { authenticate } from "./pipeline/auth";
import { type Connection, inProcessConnection } from "./pipeline/connection";
import type { EmulatorEnv } from "./pipeline/context";
import { isControlPath } from "./pipeline/control-path";
import { answerErrors, answerNotFound } from "./pipeline/errors";
import { injectFaults } from "./pipeline/faults";
import { recordRequests } from "./pipeline/request-logging";
import { precompileValidators } from "./pipeline/validate";
import { RequestLog } from "./request-log";
import { accountRoutes } from "./routes/account";
import { capabilityUrlRoutes } from "./routes/capability-urls";
import { collectionRoutes } from "./routes/collections";
import { controlRoutes } from "./routes/control";
import { deploymentRoutes } from "./routes/deployments";
import type { RouteDependencies, RouteModule } from "./routes/deps";
import { fileRoutes } from "./routes/files";
import { hardwareRoutes } from "./routes/hardware";
import { modelRoutes } from "./routes/models";
import { predictionRoutes } from "./routes/predictions";
import { searchRoutes } from "./routes/search";
import { trainingRoutes } from "./routes/trainings";
import { versionRoutes } from "./routes/versions";
import { webhookRoutes } from "./routes/webhooks";
import { specOperations } from "./spec/openapi";
import { EmulatorStore } from "./store/index";
import { addModelDefinition, seedBuiltins } from "./store/seed";
import { type WebhookDelivery, WebhookDispatcher } from "./webhooks/dispatcher";
import { createWebhookSecret } from "./webhooks/signing";

/** One route module per resource; together they cover the spec's 37 operations. */
const ROUTE_MODULES: readonly RouteModule[] = [
  accountRoutes,
  collectionRoutes,
  deploymentRoutes,
  fileRoutes,
  hardwareRoutes,
  modelRoutes,
  versionRoutes,
  predictionRoutes,
  searchRoutes,
  trainingRoutes,
  webhookRoutes,
];

/** What tests can inspect and control on a running emulator. */
export interface EmulatorHandles {
  /** Injected faults: `faults.add({ method, path, status, times, retryAfter, delayMs, dropConnection })`. */
  readonly faults: FaultRegistry;
  /** Requests received, oldest first, `Authorization` redacted. */
  readonly requests: RequestLog;
  /** The emulator's state. */
  readonly store: EmulatorStore;
  /** The emulated clock. */
  readonly clock: Clock;
  /** The webhook signing secret and every delivery attempt so far. */
  readonly webhooks: {
    readonly secret: string;
    readonly deliveries: readonly WebhookDelivery[];
    /** Resolves when every webhook queued so far has been attempted once. */
    idle(): Promise<void>;
  };
  /**
   * A signed download URL for an uploaded file (`GET /v1/files/{id}/download?owner&expiry&signature`),
   * valid for `expiresInSeconds` (default 3600) on `origin` (default: the server's URL; for
   * `createEmulatorApp`, `http://127.0.0.1`).
   */
  fileDownloadUrl(fileId: string, options?: { origin?: string; expiresInSeconds?: number }): string;
  /** Forgets all predictions, trainings, files, deployments, created models, faults and logged requests. */
  reset(): Promise<void>;
}

/** The emulator as a web request handler, for in-process use. */
export interface EmulatorApp extends EmulatorHandles {
  /**
   * Handles a request like `fetch` does, so it can be injected as a client's `fetch`. Any origin
   * works (`http://emulator.test/v1/...`); answers' URLs use the origin of the request. A fault
   * that drops the connection makes it reject with a TypeError, as a network failure would.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Resolves once the catalogue is loaded (immediate for the built-in one). */
  readonly ready: Promise<void>;
  /**
   * Stops every timer, pending `Prefer: wait`, open stream, fault delay and webhook, and deletes
   * uploaded files. Until then the emulator's timers keep Node running while a job is pending.
   */
  close(): Promise<void>;
  /** Handles a request over a given connection (used by the HTTP server). @internal */
  handle(request: Request, connection: Connection): Promise<Response>;
}

/**
 * Creates the emulator without listening on a port: a web `fetch(request)` handler plus the test
 * handles. Use {@link startEmulator} for a real HTTP server.
 *
 * @example
 * const emulator = createEmulatorApp({ speed: 100 });
 * const replicate = new Replicate({ auth: "test", baseUrl: "http://emulator.test/v1", fetch: emulator.fetch });
 */
export function createEmulatorApp(options: EmulatorOptions = {}): EmulatorApp {
  const settings = resolveOptions(options);
  const { clock, logger } = settings;
  const secret = settings.webhookSecret ?? createWebhookSecret();
  const store = new EmulatorStore();
  const faults = new FaultRegistry();
  const requests = new RequestLog();
  const files = new FileStorage(settings.uploadDir);
  const webhooks = new WebhookDispatcher({ clock, secret: () => secret, logger });
  const engine = new JobEngine({
    clock,
    store,
    queueDelayMs: settings.startDelayMs,
    onWebhookEvent: (job, event) => webhooks.notify(job, event),
    onUnexpectedError: (job, error) =>
      logger.error(
        `Model ${job.model} threw unexpectedly in ${job.id}: ${error instanceof Error ? error.stack : String(error)}`,
      ),
  });
  const deps: RouteDependencies = {
    store,
    engine,
    clock,
    options: settings,
    files,
    downloads: new DownloadSigner(clock, settings.account.username),
    webhooks,
    webhookSecret: () => secret,
    pages: new Paginator(settings.pageSize),
  };

  let catalog: ModelDefinition[] = [];
  const seed = () => {
    seedBuiltins(store);
    const builtinNames = new Set(store.models.list().map((m) => `${m.owner}/${m.name}`));
    for (const definition of catalog) {
      if (!builtinNames.has(`${definition.owner}/${definition.name}`))
        addModelDefinition(store, definition);
    }
  };
  const ready =
    settings.catalog === "public"
      ? loadPublicCatalog().then((definitions) => {
          catalog = definitions;
          seed();
        })
      : Promise.resolve(seed());
  ready.catch(() => {});
  precompileValidators(specOperations.map((op) => op.operationId));

  // Aborted by close(): ends what waits in real time (fault delays).
  const shutdown = new AbortController();

  const reset = async () => {
    engine.stopAll();
    webhooks.reset();
    const uploaded = store.files.list();
    store.clear();
    await Promise.all(uploaded.map((file) => files.remove(file.path)));
    faults.clear();
    requests.clear();
    seed();
  };

  // The pipeline, in order: (CORS) -> record -> faults -> auth -> route -> validate -> act -> respond.
  const app = new Hono<EmulatorEnv>({ strict: false });
  if (settings.cors) {
    const allowBrowsers = cors({
      origin: "*",
      allowHeaders: [
        "Authorization",
        "Content-Type",
        "Prefer",
        "Cancel-After",
        "Last-Event-ID",
        "User-Agent",
      ],
      exposeHeaders: ["Retry-After", "Location"],
      maxAge: 600,
    });
    // Not the control endpoints: no web page should be able to reset or fault the emulator.
    app.use("*", (c, next) => (isControlPath(c.req.path) ? next() : allowBrowsers(c, next)));
  }
  app.use("*", recordRequests(requests, logger));
  app.use("*", injectFaults(faults, shutdown.signal));
  app.route("/_emulator", controlRoutes(deps, { faults, requests, reset }, settings.tokens));
  capabilityUrlRoutes(app, deps);
  const api = new Hono<EmulatorEnv>({ strict: false });
  api.use("*", authenticate(settings.tokens));
  for (const register of ROUTE_MODULES) register(api, deps);
  app.route("/v1", api);
  app.notFound(answerNotFound);
  app.onError(answerErrors(logger));

  const handle = async (request: Request, connection: Connection): Promise<Response> => {
    await ready;
    return app.fetch(request, { connection });
  };

  return {
    faults,
    requests,
    store,
    clock,
    webhooks: {
      secret,
      get deliveries() {
        return webhooks.deliveries;
      },
      idle: () => webhooks.idle(),
    },
    ready,
    handle,
    reset,
    fileDownloadUrl(fileId, { origin = "http://127.0.0.1", expiresInSeconds = 3600 } = {}) {
      const file = store.files.get(fileId);
      if (!file) throw new TypeError(`No uploaded file has the id ${JSON.stringify(fileId)}.`);
      return deps.downloads.url(file.id, origin, expiresInSeconds);
    },
    async fetch(input, init) {
      const request =
        input instanceof Request && init === undefined ? input : new Request(input, init);
      const connection = inProcessConnection();
      const response = await handle(request, connection);
      if (connection.dropped) {
        await response.body?.cancel().catch(() => {});
        throw new TypeError("fetch failed", {
          cause: new Error("The emulator dropped the connection (an injected fault)."),
        });
      }
      return response;
    },
    async close() {
      shutdown.abort();
      engine.stopAll();
      webhooks.close();
      await files.close();
    },
  };
}
