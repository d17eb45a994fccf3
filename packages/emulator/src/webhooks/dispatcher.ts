import type { Clock, ClockTimer } from "../clock";
import { randomId } from "../ids";
import type { EmulatorLogger } from "../options";
import { isTerminal, type JobRecord, type WebhookEventType } from "../store/jobs";
import { toPredictionWire, toTrainingWire } from "../wire/prediction";
import { signWebhook } from "./signing";

/** One attempt to deliver a webhook, kept for tests (`emulator.webhooks.deliveries`). */
export interface WebhookDelivery {
  /** The `webhook-id` header; retries of one message share it. */
  readonly messageId: string;
  readonly url: string;
  readonly event: WebhookEventType;
  readonly jobId: string;
  /** 1 for the first try. */
  readonly attempt: number;
  /** The receiver's status code, if it answered. */
  status: number | undefined;
  /** Why the attempt failed, if it did. */
  error: string | undefined;
}

/** A Standard Webhooks message id. */
function messageId(): string {
  return `msg_${randomId()}`;
}

/** Output and log webhooks are sent at most this often per job (emulated ms), as the API does. */
const THROTTLE_MS = 500;
/** Emulated delays before each retry of a `completed` webhook. */
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000];
/** Real-time limit on each delivery attempt. */
const ATTEMPT_TIMEOUT_MS = 10_000;

interface JobWebhookState {
  lastSentAt: number;
  pending: ClockTimer | undefined;
  /** Deliveries of one job go out one after another, so receivers see them in order. */
  queue: Promise<void>;
  /** The job is terminal: once its queue drains and no retry waits, its state is dropped. */
  completed: boolean;
  /** Retries waiting for their backoff. */
  retrying: number;
}

/**
 * Sends webhooks for predictions and trainings that asked for them: real HTTP POSTs of the job's
 * JSON (as `GET` returns it), signed like Replicate's. `start` is sent when the job is created,
 * `output` and `logs` at most every 500 ms, `completed` at the end. Only `completed` is retried
 * (with backoff on the emulator's clock) when the receiver fails; the others are tried once.
 */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  readonly #clock: Clock;
  readonly #secret: () => string;
  readonly #logger: EmulatorLogger;
  readonly #states = new Map<string, JobWebhookState>();
  readonly #inflight = new Set<AbortController>();
  readonly #timers = new Set<ClockTimer>();
  #closed = false;

  constructor(options: { clock: Clock; secret: () => string; logger: EmulatorLogger }) {
    this.#clock = options.clock;
    this.#secret = options.secret;
    this.#logger = options.logger;
  }

  /** Called by the engine for each event of a job. */
  notify(job: JobRecord, event: WebhookEventType): void {
    if (this.#closed || !job.webhook) return;
    const filter = job.webhookEventsFilter;
    const state = this.#state(job);
    if (event === "completed") {
      state.pending?.cancel();
      state.pending = undefined;
      state.completed = true;
      if (filter.includes("completed")) this.#enqueue(job, "completed", 1, messageId());
      else this.#forgetWhenDone(job.id, state);
      return;
    }
    if (!filter.includes(event)) return;
    if (event === "start") {
      this.#enqueue(job, "start", 1, messageId());
      return;
    }
    // Output and logs: one delivery per throttle window, carrying the latest state.
    if (state.pending) return;
    const wait = state.lastSentAt + THROTTLE_MS - this.#clock.now();
    if (wait <= 0) {
      state.lastSentAt = this.#clock.now();
      this.#enqueue(job, event, 1, messageId());
      return;
    }
    state.pending = this.#clock.setTimer(() => {
      state.pending = undefined;
      if (isTerminal(job.status)) return;
      state.lastSentAt = this.#clock.now();
      this.#enqueue(job, event, 1, messageId());
    }, wait);
  }

  /** Resolves when every delivery queued so far has been attempted (retries still waiting for their backoff are not). */
  async idle(): Promise<void> {
    await Promise.all([...this.#states.values()].map((s) => s.queue));
  }

  /** How many jobs the dispatcher still keeps state for (jobs with deliveries to come). @internal */
  get activeJobs(): number {
    return this.#states.size;
  }

  /** Stops all deliveries and retries. */
  close(): void {
    this.#closed = true;
    for (const controller of this.#inflight) controller.abort();
    for (const timer of this.#timers) timer.cancel();
    for (const state of this.#states.values()) state.pending?.cancel();
    this.#states.clear();
  }

  /** Forgets jobs and recorded deliveries (after a reset). */
  reset(): void {
    for (const timer of this.#timers) timer.cancel();
    for (const state of this.#states.values()) state.pending?.cancel();
    this.#states.clear();
    this.deliveries.length = 0;
  }

  #state(job: JobRecord): JobWebhookState {
    let state = this.#states.get(job.id);
    if (!state) {
      state = {
        lastSentAt: Number.NEGATIVE_INFINITY,
        pending: undefined,
        queue: Promise.resolve(),
        completed: false,
        retrying: 0,
      };
      this.#states.set(job.id, state);
    }
    return state;
  }

  #enqueue(job: JobRecord, event: WebhookEventType, attempt: number, messageId: string): void {
    // The body is the job as it is now, not when the attempt runs.
    const body = JSON.stringify(
      job.kind === "training" ? toTrainingWire(job, job.origin) : toPredictionWire(job, job.origin),
    );
    this.#enqueueAttempt(job, event, attempt, messageId, body);
  }

  #enqueueAttempt(
    job: JobRecord,
    event: WebhookEventType,
    attempt: number,
    messageId: string,
    body: string,
  ): void {
    const state = this.#state(job);
    state.queue = state.queue
      .then(() => this.#attempt(job, event, attempt, messageId, body))
      .catch((error: unknown) =>
        this.#logger.error(`Webhook delivery failed unexpectedly: ${String(error)}`),
      );
    this.#forgetWhenDone(job.id, state);
  }

  /** Drops a finished job's state once nothing more can be sent for it, so state stays bounded. */
  #forgetWhenDone(jobId: string, state: JobWebhookState): void {
    const queue = state.queue;
    void queue.then(() => {
      const idle = state.queue === queue && state.retrying === 0 && !state.pending;
      if (state.completed && idle && this.#states.get(jobId) === state) this.#states.delete(jobId);
    });
  }

  async #attempt(
    job: JobRecord,
    event: WebhookEventType,
    attempt: number,
    messageId: string,
    body: string,
  ): Promise<void> {
    if (this.#closed || !job.webhook) return;
    const url = job.webhook;
    const record: WebhookDelivery = {
      messageId,
      url,
      event,
      jobId: job.id,
      attempt,
      status: undefined,
      error: undefined,
    };
    this.deliveries.push(record);
    // Standard Webhooks receivers check the timestamp against their own wall clock.
    const timestamp = Math.floor(Date.now() / 1000);
    const controller = new AbortController();
    this.#inflight.add(controller);
    const timeout = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "replicate-ts-emulator (webhook)",
          "webhook-id": messageId,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signWebhook(this.#secret(), messageId, timestamp, body),
        },
        body,
        redirect: "manual",
        signal: controller.signal,
      });
      record.status = response.status;
      await response.body?.cancel().catch(() => {});
      if (!response.ok) record.error = `the receiver answered ${response.status}`;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timeout);
      this.#inflight.delete(controller);
    }
    this.#logger.info(
      `webhook ${event} ${job.id} -> ${url} ${record.status ?? "failed"}${record.error ? ` (${record.error})` : ""}`,
    );
    if (record.error && event === "completed" && !this.#closed) {
      const delay = RETRY_DELAYS_MS[attempt - 1];
      if (delay === undefined) return;
      const state = this.#state(job);
      state.retrying += 1;
      const timer = this.#clock.setTimer(() => {
        this.#timers.delete(timer);
        state.retrying -= 1;
        this.#enqueueAttempt(job, event, attempt + 1, messageId, body);
      }, delay);
      this.#timers.add(timer);
    }
  }
}
