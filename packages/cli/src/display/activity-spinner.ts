import ora, { type Ora } from "ora";
import type { OutputStream } from "../terminal";

/** Says what the command is busy with before a job exists, e.g. `uploading photo.png…`. */
export interface Activity {
  /** Shows (or replaces) what is going on. */
  set(text: string): void;
  /** Clears it. Safe to call more than once. */
  stop(): void;
}

/** An activity that shows nothing (off a terminal). */
export class SilentActivity implements Activity {
  set(): void {}
  stop(): void {}
}

/** An ora spinner, started at the first {@link Activity.set}, cleared by {@link Activity.stop}. */
export class SpinnerActivity implements Activity {
  readonly #stream: OutputStream;
  readonly #colour: boolean;
  #spinner: Ora | undefined;

  constructor(stream: OutputStream, colour: boolean) {
    this.#stream = stream;
    this.#colour = colour;
  }

  set(text: string): void {
    if (this.#spinner) {
      this.#spinner.text = text;
      return;
    }
    this.#spinner = ora({
      stream: this.#stream,
      text,
      color: this.#colour ? "cyan" : false,
      isEnabled: true,
      // Raw mode on stdin would turn Ctrl-C into a key press; it must stay a SIGINT.
      discardStdin: false,
    }).start();
  }

  stop(): void {
    this.#spinner?.stop();
    this.#spinner = undefined;
  }
}
