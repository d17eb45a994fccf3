import { MultiBar } from "cli-progress";
import { formatBytes } from "../format";
import type { OutputStream, Styles } from "../terminal";

/** The progress of one file being saved. */
export interface DownloadProgress {
  /** Bytes received so far, and the size when the server said it. */
  update(received: number, total: number | undefined): void;
  /** The file is complete. */
  done(): void;
}

/** Shows files being downloaded. */
export interface DownloadDisplay {
  /** Starts showing one file. */
  track(name: string): DownloadProgress;
  /** Stops drawing. */
  stop(): void;
}

/** A download display that shows nothing. */
export class SilentDownloadDisplay implements DownloadDisplay {
  track(): DownloadProgress {
    return { update() {}, done() {} };
  }
  stop(): void {}
}

/** One cli-progress bar per file: name, bar, percentage, bytes received and size. */
export class InteractiveDownloadDisplay implements DownloadDisplay {
  readonly #bars: MultiBar;

  constructor(stream: OutputStream, styles: Styles) {
    this.#bars = new MultiBar({
      stream,
      format: `${styles.cyan("↓")} {name} |{bar}| {percentage}% {received}/{size}`,
      barCompleteChar: "█",
      barIncompleteChar: "░",
      barsize: 30,
      hideCursor: true,
      fps: 10,
    });
  }

  track(name: string): DownloadProgress {
    // Until the size is known the bar is empty; a size of 1 keeps cli-progress from dividing by 0.
    const bar = this.#bars.create(1, 0, { name, received: formatBytes(0), size: "?" });
    let lastTotal: number | undefined;
    let lastReceived = 0;
    return {
      update: (received, total) => {
        lastReceived = received;
        if (total !== undefined && total !== lastTotal) {
          bar.setTotal(Math.max(total, 1));
          lastTotal = total;
        }
        const payload = {
          name,
          received: formatBytes(received),
          size: total === undefined ? "?" : formatBytes(total),
        };
        bar.update(total === undefined ? 0 : received, payload);
      },
      done: () => {
        const size = formatBytes(lastTotal ?? lastReceived);
        const complete = Math.max(lastTotal ?? 1, 1);
        bar.setTotal(complete);
        bar.update(complete, { name, received: size, size });
      },
    };
  }

  stop(): void {
    this.#bars.stop();
  }
}
