import { randomId } from "../ids";
import { KeyedStore, newestFirst } from "./record-store";

/** A prediction's (or training's) status, as the spec lists them. */
export type JobStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled" | "aborted";

/** Statuses a job never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set([
  "succeeded",
  "failed",
  "canceled",
  "aborted",
]);

/** Whether a status is terminal. */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Webhook event types a job can be filtered on. */
export type WebhookEventType = "start" | "output" | "logs" | "completed";

/** The events a webhook gets when the request names none: all of them. */
export const ALL_WEBHOOK_EVENTS: readonly WebhookEventType[] = [
  "start",
  "output",
  "logs",
  "completed",
];

/** One server-sent event of a job's stream; `id` counts from 1. */
export interface StreamEvent {
  id: number;
  event: "output" | "logs" | "error" | "done";
  data: string;
}

/** A prediction or a training: the state the API reports, plus what the emulator needs. */
export interface JobRecord {
  readonly kind: "prediction" | "training";
  readonly id: string;
  /** Creation order across the store; lists sort by it. */
  readonly sequence: number;
  /** `owner/name` of the model run (for a training: the model trained). */
  readonly model: string;
  readonly version: string;
  input: Record<string, unknown>;
  output: unknown;
  logs: string;
  error: string | null;
  status: JobStatus;
  /** Emulated epoch milliseconds. */
  readonly createdAt: number;
  startedAt: number | undefined;
  completedAt: number | undefined;
  /** When `Cancel-After` cancels or aborts it. */
  deadline: number | undefined;
  /** `owner/name` of the deployment it ran on. */
  deployment: string | undefined;
  readonly source: "api" | "web";
  metrics: Record<string, number>;
  webhook: string | undefined;
  webhookEventsFilter: WebhookEventType[];
  /** Origin of the request that created it: webhooks and URLs in them use it. */
  origin: string;
  /** Capability token of its server-sent event stream; only streaming models have one. */
  streamToken: string | undefined;
  /** Its server-sent events so far (replayed after `Last-Event-ID`). */
  events: StreamEvent[];
  /** For a training: the `owner/name` the new version goes to. */
  destination: string | undefined;
  /** An example prediction of a model, not one of the account's own. */
  isExample: boolean;
}

/** What {@link newJob} must be told; every other field may be given or starts empty. */
export type NewJobFields = Pick<
  JobRecord,
  "kind" | "sequence" | "model" | "version" | "input" | "createdAt"
> &
  Partial<Omit<JobRecord, "kind" | "sequence" | "model" | "version" | "input" | "createdAt">>;

/**
 * A new job record: `starting`, with no output, logs, timings or stream yet, a random id, and
 * webhooks (if it gets one) for every event. Fields given override these.
 */
export function newJob(fields: NewJobFields): JobRecord {
  return {
    id: randomId(),
    output: null,
    logs: "",
    error: null,
    status: "starting",
    startedAt: undefined,
    completedAt: undefined,
    deadline: undefined,
    deployment: undefined,
    source: "api",
    metrics: {},
    webhook: undefined,
    webhookEventsFilter: [...ALL_WEBHOOK_EVENTS],
    origin: "",
    streamToken: undefined,
    events: [],
    destination: undefined,
    isExample: false,
    ...fields,
  };
}

/** Jobs of one kind, by id; listed newest first. */
export class JobStore extends KeyedStore<JobRecord> {
  constructor() {
    super((job) => job.id, newestFirst);
  }
}
