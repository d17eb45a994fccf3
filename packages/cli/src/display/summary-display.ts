import type { OutputStream, Styles } from "../terminal";
import type { Outcome, RunDisplay } from "./job-view";
import { outcomeMark } from "./outcome-mark";

/**
 * The terminal display of `run --stream`: the text arriving on stdout is the progress, so no
 * spinner competes with it; notes and the closing summary line go to stderr.
 */
export class SummaryDisplay implements RunDisplay {
  readonly #stream: OutputStream;
  readonly #styles: Styles;
  #finished = false;

  constructor(stream: OutputStream, styles: Styles) {
    this.#stream = stream;
    this.#styles = styles;
  }

  update(): void {}

  note(message: string): void {
    if (!this.#finished) this.#stream.write(`${this.#styles.yellow(message)}\n`);
  }

  finish(outcome: Outcome, summary: string): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#stream.write(`${outcomeMark(outcome, this.#styles)} ${summary}\n`);
  }
}
