import { TimeoutError } from "../core/errors";
import { abortErrorFrom, RequestAbortScope, sleep, throwIfAborted } from "./abort";

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
  /** Stops polling; the loop then throws an `AbortError`. */
  signal?: AbortSignal | undefined;
}

/**
 * Polls `load` and yields snapshots. The first comes at once; leaving the loop (`break`) stops
 * the polling, since a generator runs only while it is consumed.
 */
export async function* pollSnapshots<Job extends PollableJob>(
  load: (signal: AbortSignal | undefined) => Promise<Job>,
  defaultInterval: number,
  options: SnapshotOptions = {},
): AsyncGenerator<Job, void, undefined> {
  const interval = options.pollingInterval ?? defaultInterval;
  const onlyStatusChanges = options.shouldTriggerOnlyStatusChanges ?? true;
  const stopOnTermination = options.stopPollingRequestsOnPredictionTermination ?? true;
  let lastStatus: string | undefined;
  for (let first = true; ; first = false) {
    if (!first) await sleep(interval, options.signal);
    const job = await load(options.signal);
    if (!onlyStatusChanges || job.status !== lastStatus) yield job;
    lastStatus = job.status;
    if (job.isTerminated && stopOnTermination) return;
  }
}

/** Options of `wait()`. */
export interface WaitOptions<Job> {
  /** Milliseconds between polls. @default the client's pollingInterval */
  pollingInterval?: number | undefined;
  /** Give up (with a `TimeoutError`) after this many milliseconds in all. @default no limit */
  timeout?: number | undefined;
  /** Stops waiting with an `AbortError`; the job itself keeps running. */
  signal?: AbortSignal | undefined;
  /** Called with every snapshot while waiting, e.g. to show logs or progress. */
  onProgress?: ((job: Job) => void) | undefined;
}

/** Polls until the job reaches a terminal status and returns that last snapshot. */
export async function waitUntilTerminated<Job extends PollableJob>(
  current: Job | undefined,
  load: (signal: AbortSignal | undefined) => Promise<Job>,
  defaultInterval: number,
  options: WaitOptions<Job> = {},
): Promise<Job> {
  throwIfAborted(options.signal);
  if (current?.isTerminated) return current;
  const scope =
    options.timeout === undefined
      ? undefined
      : new RequestAbortScope(options.signal, options.timeout);
  const signal = scope?.signal ?? options.signal;
  try {
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
    if (options.signal?.aborted) throw abortErrorFrom(options.signal);
    throw error;
  } finally {
    scope?.dispose();
  }
}
