import type { Clock, ClockTimer } from "../clock";
import {
  ModelFailure,
  type ModelRun,
  type ModelStep,
  type RunContext,
  type TrainedVersion,
} from "../models/types";
import type { EmulatorStore } from "../store/index";
import { isTerminal, type JobRecord, type JobStatus, type WebhookEventType } from "../store/jobs";
import type { VersionRecord } from "../store/versions";
import { JobEvents } from "./job-events";
import { completeTraining } from "./training-complete";

/** What the engine needs from the rest of the emulator. */
export interface EngineDependencies {
  clock: Clock;
  store: EmulatorStore;
  /** Called on each webhook-worthy event of a job. */
  onWebhookEvent: (job: JobRecord, event: WebhookEventType) => void;
  /** Called when a model throws something other than a {@link ModelFailure} (a bug). */
  onUnexpectedError: (job: JobRecord, error: unknown) => void;
  /** Emulated milliseconds a job spends `starting` before it runs. */
  queueDelayMs: number;
}

interface RunState {
  run: Generator<ModelStep, unknown, void> | undefined;
  timers: Set<ClockTimer>;
  extraMetrics: Record<string, number>;
}

/**
 * Moves predictions and trainings through their statuses on the emulator's clock:
 * `starting` -> `processing` -> `succeeded` | `failed` | `canceled`, or `aborted` when a
 * `Cancel-After` deadline passes before the job starts. It drives each model's generator step by
 * step, appending logs, output items and server-sent events, and tells listeners what changed.
 */
export class JobEngine {
  readonly events = new JobEvents();
  readonly #deps: EngineDependencies;
  readonly #states = new Map<string, RunState>();

  constructor(dependencies: EngineDependencies) {
    this.#deps = dependencies;
  }

  /** Starts a job that was just added to the store (status `starting`). */
  start(job: JobRecord, version: VersionRecord): void {
    const state: RunState = { run: undefined, timers: new Set(), extraMetrics: {} };
    this.#states.set(job.id, state);
    const [owner = "", name = ""] = job.model.split("/");
    const model = this.#deps.store.models.get(owner, name);
    if (model) model.runCount += 1;

    this.#deps.onWebhookEvent(job, "start");
    this.#schedule(job, state, this.#deps.queueDelayMs, () =>
      this.#beginProcessing(job, version, state),
    );
    if (job.deadline !== undefined) {
      this.#schedule(job, state, job.deadline - this.#deps.clock.now(), () =>
        this.#deadlineReached(job),
      );
    }
  }

  /** Cancels a job; a terminal job is left as it is. */
  cancel(job: JobRecord): void {
    if (isTerminal(job.status)) return;
    this.#finish(job, "canceled");
  }

  /**
   * Resolves `true` once the job is terminal, or `false` after `timeoutMs` emulated milliseconds,
   * when `signal` aborts or when the engine stops, whichever comes first.
   */
  waitForTerminal(job: JobRecord, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (isTerminal(job.status)) return Promise.resolve(true);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (terminal: boolean) => {
        if (settled) return;
        settled = true;
        unsubscribe();
        timer.cancel();
        signal?.removeEventListener("abort", onAbort);
        resolve(terminal);
      };
      const onAbort = () => finish(false);
      const unsubscribe = this.events.subscribe(job.id, (change) => {
        if (change === "terminal") finish(true);
        else if (change === "closed") finish(isTerminal(job.status));
      });
      const timer = this.#deps.clock.setTimer(() => finish(isTerminal(job.status)), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /**
   * Stops every timer and run, and lets go of everyone waiting on a job (`Prefer: wait`, streams),
   * so nothing the engine started outlives it (the emulator is closing or resetting).
   */
  stopAll(): void {
    for (const state of this.#states.values()) {
      for (const timer of state.timers) timer.cancel();
      state.run?.return(undefined);
    }
    this.#states.clear();
    this.events.closeAll();
  }

  #schedule(job: JobRecord, state: RunState, delayMs: number, callback: () => void): void {
    const timer = this.#deps.clock.setTimer(() => {
      state.timers.delete(timer);
      if (!isTerminal(job.status)) callback();
    }, delayMs);
    state.timers.add(timer);
  }

  #context(job: JobRecord): RunContext {
    const { deliveries } = this.#deps.store;
    return {
      input: job.input,
      publishFile: (bytes, options) => deliveries.publish(bytes, options),
    };
  }

  #beginProcessing(job: JobRecord, version: VersionRecord, state: RunState): void {
    job.status = "processing";
    job.startedAt = this.#deps.clock.now();
    this.events.publish(job.id, "status");
    const context = this.#context(job);
    try {
      if (job.kind === "training") {
        if (!version.trainer) throw new Error(`Version ${version.id} cannot be trained.`);
        state.run = version.trainer(context);
      } else {
        state.run = version.behaviour(context) as ModelRun;
      }
    } catch (error) {
      this.#fail(job, error);
      return;
    }
    this.#advance(job, state);
  }

  /** Runs the model's steps until it sleeps or ends. */
  #advance(job: JobRecord, state: RunState): void {
    const run = state.run;
    if (!run) return;
    for (;;) {
      if (isTerminal(job.status)) return;
      let step: IteratorResult<ModelStep, unknown>;
      try {
        step = run.next();
      } catch (error) {
        this.#fail(job, error);
        return;
      }
      if (step.done) {
        this.#succeed(job, state, step.value);
        return;
      }
      const value = step.value;
      if ("sleep" in value) {
        this.#schedule(job, state, value.sleep, () => this.#advance(job, state));
        return;
      }
      if ("log" in value) this.#appendLog(job, value.log);
      else if ("output" in value) this.#appendOutput(job, value.output);
      else if ("metrics" in value) Object.assign(state.extraMetrics, value.metrics);
    }
  }

  #pushEvent(job: JobRecord, event: JobRecord["events"][number]["event"], data: string): void {
    job.events.push({ id: job.events.length + 1, event, data });
  }

  #appendLog(job: JobRecord, line: string): void {
    job.logs += `${line}\n`;
    this.#pushEvent(job, "logs", line);
    this.events.publish(job.id, "logs");
    this.#deps.onWebhookEvent(job, "logs");
  }

  #appendOutput(job: JobRecord, item: unknown): void {
    if (!Array.isArray(job.output)) job.output = [];
    (job.output as unknown[]).push(item);
    this.#pushEvent(job, "output", typeof item === "string" ? item : JSON.stringify(item));
    this.events.publish(job.id, "output");
    this.#deps.onWebhookEvent(job, "output");
  }

  #succeed(job: JobRecord, state: RunState, result: unknown): void {
    if (job.kind === "training") {
      job.output = completeTraining(
        this.#deps.store,
        job,
        result as TrainedVersion,
        this.#deps.clock,
      );
    } else if (!Array.isArray(job.output)) {
      job.output = result ?? null;
    }
    Object.assign(job.metrics, state.extraMetrics);
    this.#finish(job, "succeeded");
  }

  #fail(job: JobRecord, error: unknown): void {
    if (!(error instanceof ModelFailure)) this.#deps.onUnexpectedError(job, error);
    job.error = error instanceof Error ? error.message : String(error);
    this.#finish(job, "failed");
  }

  #deadlineReached(job: JobRecord): void {
    this.#finish(job, job.status === "starting" ? "aborted" : "canceled");
  }

  #finish(job: JobRecord, status: Exclude<JobStatus, "starting" | "processing">): void {
    const now = this.#deps.clock.now();
    job.status = status;
    job.completedAt = now;
    if (job.startedAt !== undefined) job.metrics.predict_time = (now - job.startedAt) / 1000;
    job.metrics.total_time = (now - job.createdAt) / 1000;

    const state = this.#states.get(job.id);
    if (state) {
      for (const timer of state.timers) timer.cancel();
      // Stop a generator that is still suspended (cancel, deadline); it is already closed otherwise.
      if (status !== "succeeded" && status !== "failed") state.run?.return(undefined);
      this.#states.delete(job.id);
    }

    if (status === "failed") {
      this.#pushEvent(job, "error", job.error ?? "Prediction failed");
      this.#pushEvent(job, "done", JSON.stringify({ reason: "error" }));
    } else if (status === "succeeded") {
      this.#pushEvent(job, "done", "{}");
    } else {
      this.#pushEvent(job, "done", JSON.stringify({ reason: "canceled" }));
    }
    this.events.publish(job.id, "terminal");
    this.#deps.onWebhookEvent(job, "completed");
  }
}
