import type { Hono } from "hono";
import type { Clock } from "../clock";
import type { JobEngine } from "../engine/engine";
import type { DownloadSigner } from "../files/signing";
import type { FileStorage } from "../files/storage";
import type { Paginator } from "../http/pagination";
import type { ResolvedOptions } from "../options";
import type { EmulatorEnv } from "../pipeline/context";
import type { EmulatorStore } from "../store/index";
import type { WebhookDispatcher } from "../webhooks/dispatcher";

/** What route handlers share: the store, the engine and the emulator's settings. */
export interface RouteDependencies {
  store: EmulatorStore;
  engine: JobEngine;
  clock: Clock;
  options: ResolvedOptions;
  /** Uploaded files on disk. */
  files: FileStorage;
  /** Signs and checks the Files API's download URLs. */
  downloads: DownloadSigner;
  webhooks: WebhookDispatcher;
  /** Cuts list pages with signed cursors. */
  pages: Paginator;
  /** The current webhook signing secret. */
  webhookSecret: () => string;
}

/** A route module: registers its operations on the `/v1` app. */
export type RouteModule = (app: Hono<EmulatorEnv>, deps: RouteDependencies) => void;
