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
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => this.controller.abort(this.#parent?.reason);

  constructor(parent: AbortSignal | undefined, timeoutMs: number) {
    this.#parent = parent;
    parent?.addEventListener("abort", this.#onParentAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get timedOut(): boolean {
    return this.#timedOut;
  }

  /** Stops the timeout but keeps following the caller's signal (for streamed bodies). */
  stopTimer(): void {
    clearTimeout(this.#timer);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#parent?.removeEventListener("abort", this.#onParentAbort);
  }
}
