/**
 * One client, as the workloads drive it. Every method does what a user of that client would
 * write for the task, and returns what the workload needs to check that the task was done.
 */

/** The three clients side by side. */
export type ClientName = "replicate-ts" | "replicate" | "fetch";

/** How a stream is consumed: each client's usual loop, or one of replicate-ts's faster ways. */
export type StreamStyle = "for-await" | "forEach" | "batches";

/** A prediction as a workload checks it. */
export interface PredictionSummary {
  id: string;
  status: string;
  output: unknown;
}

export interface ClientAdapter {
  /** `POST /predictions` without waiting. */
  create(): Promise<PredictionSummary>;
  /** `GET /predictions/:id`. */
  get(id: string): Promise<PredictionSummary>;
  /**
   * Runs the benchmark model and returns what the client returns as the output, with the id of
   * the prediction it created (from the client's progress callback where it has one).
   */
  run(): Promise<{ id: string | undefined; output: unknown }>;
  /** Streams the benchmark model's output events; resolves after `done`. */
  stream(style: StreamStyle, onOutput: (data: string) => void): Promise<void>;
  /** Walks every prediction of `GET /predictions`, page after page. */
  listAll(visit: (id: string) => void): Promise<void>;
  /** Uploads the file at `path` through the Files API; resolves with the file's id. */
  upload(path: string): Promise<string>;
}

/** Where the loopback server is. */
export interface AdapterContext {
  origin: string;
  token: string;
  /**
   * Give the client a `fetch` of the caller's own. replicate-ts then sends uploads through it
   * rather than through its `node:http` transport, which shows what that transport saves.
   */
  ownFetch?: boolean | undefined;
}
