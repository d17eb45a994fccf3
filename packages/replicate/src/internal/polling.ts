import { TimeoutError } from "../core/errors";
import { abortErrorFrom, combineSignals, RequestAbortScope, sleep, throwIfAborted } from "./abort";
import { optionalPositiveMilliseconds } from "./validate";

/** Anything that can be polled until it ends: predictions and trainings. */
export interface PollableJob {
  readonly status: string;
  readonly isTerminated: boolean;
}

/** Options of `snapshots()`, named as in the seed. */
export interface SnapshotOptions {
  /** Milliseconds between polls. @default the client's pollingInterval */
  pollingInterval?: number | undefined;
  /** Yield only when the status changes (the seed's default), else on every poll. @default true */
  shouldTriggerOnlyStatusChanges?: boolean | undefined;
  /** Stop after the first terminal snapshot. @default true */
  stopPollingRequestsOnPredictionTermination?: boolean | undefined;
  /**
   * Stops polling; the loop then throws an `AbortError`. A `signal` in the request options (the
   * last argument) stops it too: whichever fires first.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Polls `load` and yields snapshots. The first comes at once; leaving the loop (`break`) stops
 * the polling, since a generator runs only while it is consumed. `requestSignal` (the signal of
 * the request options) stops it as `options.signal` does.
 */
export async function* pollSnapshots<Job extends PollableJob>(
  load: (signal: AbortSignal | undefined) => Promise<Job>,
  defaultInterval: number,
  options: SnapshotOptions = {},
  requestSignal?: AbortSignal,
): AsyncGenerator<Job, void, undefined> {
  const interval =
    optionalPositiveMilliseconds(options.pollingInterval, "pollingInterval") ?? defaultInterval;
  const onlyStatusChanges = options.shouldTriggerOnlyStatusChanges ?? true;
  const stopOnTermination = options.stopPollingRequestsOnPredictionTermination ?? true;
  const { signal, dispose } = combineSignals(options.signal, requestSignal);
  try {
    let lastStatus: string | undefined;
    for (let first = true; ; first = false) {
      if (first) throwIfAborted(signal);
      else await sleep(interval, signal);
      const job = await load(signal);
      if (!onlyStatusChanges || job.status !== lastStatus) yield job;
      lastStatus = job.status;
      if (job.isTerminated && stopOnTermination) return;
    }
  } finally {
    dispose();
  }
}

/** Options of `wait()`. */
export interface WaitOptions<Job> {
  /** Milliseconds between polls. @default the client's pollingInterval */
  pollingInterval?: number | undefined;
  /** Give up (with a `TimeoutError`) after this many milliseconds in all. @default no limit */
  timeout?: number | undefined;
  /**
   * Stops waiting with an `AbortError`; the job itself keeps running. A `signal` in the request
   * options (the last argument) stops it too: whichever fires first.
   */
  signal?: AbortSignal | undefined;
  /** Called with every snapshot while waiting, e.g. to show logs or progress. */
  onProgress?: ((job: Job) => void) | undefined;
}

/**
 * Polls until the job reaches a terminal status and returns that last snapshot. `requestSignal`
 * (the signal of the request options) stops it as `options.signal` does.
 */
export async function waitUntilTerminated<Job extends PollableJob>(
  current: Job | undefined,
  load: (signal: AbortSignal | undefined) => Promise<Job>,
  defaultInterval: number,
  options: WaitOptions<Job> = {},
  requestSignal?: AbortSignal,
): Promise<Job> {
  optionalPositiveMilliseconds(options.pollingInterval, "pollingInterval");
  optionalPositiveMilliseconds(options.timeout, "timeout");
  const callerSignals = combineSignals(options.signal, requestSignal);
  const callerSignal = callerSignals.signal;
  const scope =
    options.timeout === undefined
      ? undefined
      : new RequestAbortScope(callerSignal, options.timeout);
  const signal = scope?.signal ?? callerSignal;
  try {
    throwIfAborted(callerSignal);
    if (current?.isTerminated) return current;
    const snapshots = pollSnapshots(load, defaultInterval, {
      pollingInterval: options.pollingInterval,
      shouldTriggerOnlyStatusChanges: false,
      signal,
    });
    let last: Job | undefined;
    for await (const job of snapshots) {
      options.onProgress?.(job);
      last = job;
    }
    return last!;
  } catch (error) {
    if (scope?.timedOut) {
      throw new TimeoutError(
        `Gave up waiting after ${options.timeout} ms; the job is still running.`,
      );
    }
    if (callerSignal?.aborted) throw abortErrorFrom(callerSignal);
    throw error;
  } finally {
    scope?.dispose();
    callerSignals.dispose();
  }
}
