import { AbortError } from "../core/errors";

/** Throws the SDK's {@link AbortError} if `signal` has already fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortErrorFrom(signal);
}

/** The error to reject with when `signal` fires. */
export function abortErrorFrom(signal: AbortSignal): AbortError {
  return new AbortError("The operation was aborted by its AbortSignal.", {
    cause: signal.reason,
  });
}

/** A signal that fires when either of two signals does. */
export interface CombinedSignal {
  /** Fires when either signal fires; `undefined` when neither was given. */
  readonly signal: AbortSignal | undefined;
  /** Lets go of the two signals (a no-op where the runtime combines them itself). */
  dispose(): void;
}

const NOTHING_TO_DISPOSE = () => {};

/**
 * Combines a method's own signal (`WaitOptions.signal`, `StreamOptions.signal`...) with the one
 * of its request options: whichever fires first cancels. Uses `AbortSignal.any` where the
 * runtime has it, else a small combiner whose listeners `dispose()` removes.
 */
export function combineSignals(
  first: AbortSignal | undefined,
  second: AbortSignal | undefined,
): CombinedSignal {
  if (!first || !second || first === second) {
    return { signal: first ?? second, dispose: NOTHING_TO_DISPOSE };
  }
  if (first.aborted) return { signal: first, dispose: NOTHING_TO_DISPOSE };
  if (second.aborted) return { signal: second, dispose: NOTHING_TO_DISPOSE };
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === "function") {
    return { signal: any.call(AbortSignal, [first, second]), dispose: NOTHING_TO_DISPOSE };
  }
  const controller = new AbortController();
  const dispose = () => {
    first.removeEventListener("abort", onFirst);
    second.removeEventListener("abort", onSecond);
  };
  const onFirst = () => {
    dispose();
    controller.abort(first.reason);
  };
  const onSecond = () => {
    dispose();
    controller.abort(second.reason);
  };
  first.addEventListener("abort", onFirst, { once: true });
  second.addEventListener("abort", onSecond, { once: true });
  return { signal: controller.signal, dispose };
}

/** Resolves after `ms`, or rejects with {@link AbortError} as soon as `signal` fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortErrorFrom(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortErrorFrom(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A controller that aborts when the caller's signal does, or when `timeoutMs` passes; it tells
 * which of the two happened. `dispose()` detaches from the caller's signal, so long-lived signals
 * do not collect one listener per request.
 */
export class RequestAbortScope {
  readonly controller = new AbortController();
  #timedOut = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerStopped = false;
  readonly #timeoutMs: number;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => this.controller.abort(this.#parent?.reason);
  readonly #onTimeout = () => {
    this.#timedOut = true;
    this.controller.abort(new Error(`timed out after ${this.#timeoutMs} ms`));
  };

  constructor(parent: AbortSignal | undefined, timeoutMs: number) {
    this.#parent = parent;
    this.#timeoutMs = timeoutMs;
    parent?.addEventListener("abort", this.#onParentAbort, { once: true });
    this.#timer = setTimeout(this.#onTimeout, timeoutMs);
  }

  /**
   * Starts the timeout over, so that it counts from now: a streamed upload calls this as its
   * body makes progress, so that a large file is limited by stalls, not by its size.
   */
  restartTimer(): void {
    if (this.#timerStopped || this.#timedOut) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(this.#onTimeout, this.#timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** Stops the timeout but keeps following the caller's signal (for streamed bodies). */
  stopTimer(): void {
    this.#timerStopped = true;
    clearTimeout(this.#timer);
  }

  dispose(): void {
    this.#timerStopped = true;
    clearTimeout(this.#timer);
    this.#parent?.removeEventListener("abort", this.#onParentAbort);
  }

  /**
   * Disposes and aborts what may still be in flight: after an error answer, the rest of an
   * upload the server will not read must not keep streaming.
   */
  endRequest(): void {
    this.dispose();
    this.controller.abort();
  }
}
