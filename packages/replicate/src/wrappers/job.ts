import { orUndefined, toDate } from "./convert";
import { isTerminalStatus, type PredictionStatus } from "./status";

/**
 * The wire fields predictions and trainings share. The spec makes a training's all optional,
 * so the shared reading tolerates any of them missing.
 */
export interface JobWire {
  id?: string | undefined;
  input?: Record<string, unknown> | undefined;
  logs?: string | null | undefined;
  error?: unknown;
  status?: PredictionStatus | undefined;
  source?: "web" | "api" | null | undefined;
  created_at?: string | null | undefined;
  started_at?: string | null | undefined;
  completed_at?: string | null | undefined;
  metrics?:
    | { predict_time?: number | undefined; total_time?: number | undefined }
    | null
    | undefined;
}

/** Timing figures of a finished prediction or training. */
export interface JobMetrics {
  /** Seconds of CPU or GPU time the job used: the time you are billed for. */
  predictTime: number | undefined;
  /** Seconds from creation to completion, queueing included. */
  totalTime: number | undefined;
}

/**
 * What predictions and trainings share: the fields read from the same wire fields, the status
 * helpers, `raw` and `toJSON()`.
 */
export abstract class Job<Wire extends JobWire, Input extends object = Record<string, unknown>> {
  /** The job's id, as in its URLs, e.g. `gm3qorzdhgbfurvjtvhg6dckhu`. */
  readonly id: string;
  /** The input the job was given. */
  readonly input: Input;
  /** What the model printed so far (standard output and error). */
  readonly logs: string | undefined;
  /** Why the job failed, if it did. */
  readonly error: string | undefined;
  /** Where the job is in its life: `starting`, `processing`, then a terminal status. */
  readonly status: PredictionStatus;
  /** `api` or `web`: where the job was created. */
  readonly source: "api" | "web" | undefined;
  /** When the job was created. */
  readonly createdAt: Date | undefined;
  /** When the model started on it (after queueing and booting). */
  readonly startedAt: Date | undefined;
  /** When it reached its terminal status. */
  readonly completedAt: Date | undefined;
  /** Timing figures, once it has finished. */
  readonly metrics: JobMetrics;
  /** The job exactly as the API sent it. */
  readonly raw: Wire;

  constructor(wire: Wire) {
    this.raw = wire;
    this.id = wire.id ?? "";
    this.input = (wire.input ?? {}) as Input;
    this.logs = orUndefined(wire.logs);
    this.error = errorText(wire.error);
    // The spec leaves status optional on trainings; one that says nothing has not finished.
    this.status = wire.status ?? "starting";
    this.source = orUndefined(wire.source);
    this.createdAt = toDate(wire.created_at);
    this.startedAt = toDate(wire.started_at);
    this.completedAt = toDate(wire.completed_at);
    this.metrics = {
      predictTime: numberOrUndefined(wire.metrics?.predict_time),
      totalTime: numberOrUndefined(wire.metrics?.total_time),
    };
  }

  /** Whether the job reached a final status: succeeded, failed, canceled or aborted. */
  get isTerminated(): boolean {
    return isTerminalStatus(this.status);
  }
  /** Whether the job is starting or processing. */
  get isRunning(): boolean {
    return !this.isTerminated;
  }
  /** Whether the job is still starting (queued or booting). */
  get isStarting(): boolean {
    return this.status === "starting";
  }
  /** Whether the model is running the job now. */
  get isProcessing(): boolean {
    return this.status === "processing";
  }
  /** Whether the job succeeded. */
  get isSucceeded(): boolean {
    return this.status === "succeeded";
  }
  /** Whether the job failed (see `error`). */
  get isFailed(): boolean {
    return this.status === "failed";
  }
  /** Whether the job was canceled while running. */
  get isCanceled(): boolean {
    return this.status === "canceled";
  }
  /** Whether the job was stopped before it started. */
  get isAborted(): boolean {
    return this.status === "aborted";
  }

  /** The wire JSON, so that `JSON.stringify(job)` gives what the API sent. */
  toJSON(): Wire {
    return this.raw;
  }
}

function errorText(error: unknown): string | undefined {
  if (error === null || error === undefined || error === "") return undefined;
  return typeof error === "string" ? error : JSON.stringify(error);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}
