import { abortOnInterrupt } from "../interrupt";

/** Where a command that creates a prediction is, for what Ctrl-C should do. */
type Phase = "preparing" | "creating" | "created";

/**
 * Ctrl-C (or SIGTERM) for a command that creates a prediction. The first one
 * - before the create is sent (schema, uploads): aborts {@link interrupted}, which stops that work;
 * - while the create is in flight: says at once that it waits for the prediction's id. The create
 *   is never aborted, since that would lose the id of a prediction that may already be running
 *   (and billing); the SDK's `run()` does the same;
 * - once the id is known: aborts {@link cancel}, the signal the waiting and streaming calls take,
 *   which makes them cancel the prediction.
 * A second one quits at once (see {@link abortOnInterrupt}).
 */
export class CancelOnInterrupt {
  readonly #interrupt: ReturnType<typeof abortOnInterrupt>;
  readonly #cancel = new AbortController();
  readonly #note: (message: string) => void;
  #phase: Phase = "preparing";

  /** @param note shows a line to the user at once (on a terminal or not). */
  constructor(note: (message: string) => void) {
    this.#note = note;
    this.#interrupt = abortOnInterrupt(() => {
      if (this.#phase === "creating") {
        this.#note("Waiting for the prediction's id to cancel it… (Ctrl-C again quits at once)");
      } else if (this.#phase === "created") {
        this.#cancelNow();
      }
    });
  }

  /** Aborted at the first Ctrl-C: stops the work done before the prediction exists. */
  get interrupted(): AbortSignal {
    return this.#interrupt.signal;
  }

  /** Aborted at the first Ctrl-C once the prediction's id is known: cancels the prediction. */
  get cancel(): AbortSignal {
    return this.#cancel.signal;
  }

  /** The create request is about to be sent. */
  creating(): void {
    this.#phase = "creating";
  }

  /** The prediction's id is known: a Ctrl-C that came during the create cancels it now. */
  created(): void {
    if (this.#phase === "created") return;
    this.#phase = "created";
    if (this.interrupted.aborted) this.#cancelNow();
  }

  /** Stops listening for Ctrl-C. */
  dispose(): void {
    this.#interrupt.dispose();
  }

  #cancelNow(): void {
    if (this.#cancel.signal.aborted) return;
    this.#note("Canceling the prediction (press Ctrl-C again to quit at once)...");
    this.#cancel.abort(new Error("Canceled by the user (Ctrl-C)"));
  }
}
