import { MultiBar, type SingleBar } from "cli-progress";
import ora, { type Ora } from "ora";
import { formatDuration } from "../format";
import type { OutputStream, Styles } from "../terminal";
import type { JobView, Outcome, RunDisplay } from "./job-view";
import { LogFollower } from "./log-follower";
import { outcomeMark } from "./outcome-mark";

/** Options of {@link InteractiveRunDisplay}. */
export interface InteractiveRunDisplayOptions {
  /** A terminal: stderr, normally. */
  stream: OutputStream;
  styles: Styles;
  /** Whether the spinner may be coloured. */
  colour: boolean;
  /** What is running, e.g. `replicate/hello-world`. */
  title: string;
  /** Milliseconds between redraws of the elapsed time. @default 100 */
  refreshInterval?: number;
  /** The clock, in milliseconds. @default performance.now */
  now?: () => number;
}

/**
 * The terminal display of a running job. It starts as an ora spinner showing the status and the
 * elapsed time, with new log lines printed above it. When the logs carry tqdm-style progress it
 * becomes a cli-progress bar (still with the spinner frame, status and time), and log lines keep
 * scrolling above the bar.
 */
export class InteractiveRunDisplay implements RunDisplay {
  readonly #options: InteractiveRunDisplayOptions;
  readonly #now: () => number;
  readonly #started: number;
  readonly #logs = new LogFollower();
  readonly #spinner: Ora;
  readonly #frames: string[];
  readonly #ticker: NodeJS.Timeout;
  #frame = 0;
  #status = "starting";
  #bars: MultiBar | undefined;
  #bar: SingleBar | undefined;
  #finished = false;

  constructor(options: InteractiveRunDisplayOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#started = this.#now();
    this.#spinner = ora({
      stream: options.stream,
      text: this.#text(),
      color: options.colour ? "cyan" : false,
      isEnabled: true,
      // Raw mode on stdin would turn Ctrl-C into a key press; it must stay a SIGINT.
      discardStdin: false,
    });
    this.#frames = this.#spinner.spinner.frames;
    this.#spinner.start();
    this.#ticker = setInterval(() => this.#refresh(), options.refreshInterval ?? 100);
  }

  update(job: JobView): void {
    if (this.#finished) return;
    this.#status = job.status;
    for (const line of this.#logs.push(job.logs)) this.#print(line);
    if (job.progress) this.#showProgress(job.progress.current, job.progress.total);
    this.#refresh();
  }

  note(message: string): void {
    if (!this.#finished) this.#print(this.#options.styles.yellow(message));
  }

  finish(outcome: Outcome, summary: string): void {
    if (this.#finished) return;
    for (const line of this.#logs.flush()) this.#print(line);
    this.#finished = true;
    clearInterval(this.#ticker);
    if (this.#bars) {
      // Lines given to MultiBar.log() wait for its next redraw: draw once more so none is lost.
      this.#bars.update();
      this.#bars.stop();
    } else {
      this.#spinner.stop();
    }
    this.#options.stream.write(`${outcomeMark(outcome, this.#options.styles)} ${summary}\n`);
  }

  /** Seconds since the display started, formatted. */
  get elapsed(): string {
    return formatDuration(this.#now() - this.#started);
  }

  #text(): string {
    const { styles, title } = this.#options;
    return `${styles.bold(title)} ${this.#status} ${styles.dim(this.elapsed)}`;
  }

  #print(line: string): void {
    if (this.#bars) {
      // MultiBar writes buffered lines above the bars on its next redraw.
      this.#bars.log(`${line}\n`);
      return;
    }
    this.#spinner.clear();
    this.#options.stream.write(`${line}\n`);
    this.#spinner.render();
  }

  #showProgress(current: number, total: number): void {
    if (!this.#bars) {
      // The spinner and the bar must not both redraw the same line: the bar takes over, and
      // carries the spinner's frame in its own format.
      this.#spinner.stop();
      this.#bars = new MultiBar({
        stream: this.#options.stream,
        format: `{frame} ${this.#options.styles.bold(this.#options.title)} {status} |{bar}| {percentage}% {value}/{total} {elapsed}`,
        barCompleteChar: "█",
        barIncompleteChar: "░",
        barsize: 30,
        hideCursor: true,
        // The summary line replaces the bar once the job ends.
        clearOnComplete: true,
        // Redraw on every tick, since the frame and elapsed time change without progress.
        forceRedraw: true,
        fps: 10,
      });
      this.#bar = this.#bars.create(total, current, this.#payload());
    }
    this.#bar!.setTotal(total);
    this.#bar!.update(current, this.#payload());
  }

  #payload(): Record<string, string> {
    return {
      frame: this.#options.styles.cyan(this.#frames[this.#frame % this.#frames.length] ?? ""),
      status: this.#status,
      elapsed: this.#options.styles.dim(this.elapsed),
    };
  }

  #refresh(): void {
    if (this.#finished) return;
    this.#frame += 1;
    if (this.#bar) {
      this.#bar.update(this.#payload());
    } else {
      this.#spinner.text = this.#text();
    }
  }
}
