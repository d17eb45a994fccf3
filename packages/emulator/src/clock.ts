/**
 * Emulated time. Every delay inside the emulator (queueing, model work, `Prefer: wait`,
 * `Cancel-After`, webhook backoff) is measured on a {@link Clock}, so tests can run a model that
 * "takes" ten seconds in a tenth of a second, or step time by hand.
 */
export interface Clock {
  /** The emulated time, in whole milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `callback` once `delayMs` emulated milliseconds have passed. */
  setTimer(callback: () => void, delayMs: number): ClockTimer;
}

/** A pending {@link Clock.setTimer} callback. */
export interface ClockTimer {
  /** Stops the callback from running; harmless if it already ran. */
  cancel(): void;
}

/** setTimeout's longest delay; a longer one overflows and fires after 1 ms. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * A clock that runs `speed` times faster than the wall clock, starting from the wall clock's
 * current time. Speed 1 is human pace; tests use 50–200.
 *
 * @example
 * const clock = createScaledClock(100); // one emulated second takes 10 ms
 */
export function createScaledClock(speed: number): Clock {
  if (!(Number.isFinite(speed) && speed > 0)) {
    throw new RangeError(`The clock speed must be a positive number; got ${String(speed)}.`);
  }
  const anchorWall = Date.now();
  const anchorMonotonic = performance.now();
  // Elapsed time comes from the monotonic clock: sub-millisecond, and immune to wall-clock jumps.
  const now = () => Math.floor(anchorWall + (performance.now() - anchorMonotonic) * speed);
  return {
    now,
    setTimer(callback, delayMs) {
      const due = now() + Math.max(0, delayMs);
      let handle: ReturnType<typeof setTimeout>;
      // Timers stay referenced: a script that awaits an emulated job in process needs Node to
      // keep running until it ends. The emulator's close() cancels every timer it set.
      const arm = (wait: number) => {
        // A longer wait is armed in pieces: `fire` finds time remaining and arms the next piece.
        handle = setTimeout(fire, Math.min(wait, MAX_TIMEOUT_MS));
      };
      // Wall-clock timers can fire a millisecond early; at high speed that is a long emulated
      // time, so a timer never runs before the clock has reached its due time.
      const fire = () => {
        const remaining = due - now();
        if (remaining > 0) arm(Math.max(1, remaining / speed));
        else callback();
      };
      arm(Math.max(0, delayMs) / speed);
      return { cancel: () => clearTimeout(handle) };
    },
  };
}

/**
 * A clock that only moves when told to, for tests that step through time exactly.
 *
 * @example
 * const clock = new ManualClock();
 * const emulator = createEmulatorApp({ clock });
 * await clock.advance(5_000); // five emulated seconds pass, timers fire in order
 */
export class ManualClock implements Clock {
  #now: number;
  #timers: { at: number; order: number; callback: () => void }[] = [];
  #order = 0;

  /** @param start the initial emulated time in epoch milliseconds @default Date.now() */
  constructor(start: number = Date.now()) {
    this.#now = start;
  }

  now(): number {
    return Math.floor(this.#now);
  }

  setTimer(callback: () => void, delayMs: number): ClockTimer {
    const timer = { at: this.#now + Math.max(0, delayMs), order: this.#order++, callback };
    this.#timers.push(timer);
    return {
      cancel: () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
      },
    };
  }

  /**
   * Moves time forward by `ms`, running due timers in order. Yields to the event loop between
   * timers so that work a timer starts (promises, I/O callbacks) can settle before the next one.
   */
  async advance(ms: number): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    for (;;) {
      const due = this.#timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.callback();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.#now = target;
  }

  /** How many timers are waiting. */
  get pendingTimers(): number {
    return this.#timers.length;
  }
}
