import type { CliIo } from "../io";
import { colourEnabled, interactive, stylesFor } from "../terminal";
import { type Activity, SilentActivity, SpinnerActivity } from "./activity-spinner";
import {
  type DownloadDisplay,
  InteractiveDownloadDisplay,
  SilentDownloadDisplay,
} from "./download-display";
import { InteractiveRunDisplay } from "./interactive-run-display";
import { type RunDisplay, SilentRunDisplay } from "./job-view";
import { SummaryDisplay } from "./summary-display";

/** Whether progress is drawn at all: only when stderr is a terminal. */
export function showsProgress(io: CliIo): boolean {
  return interactive(io.stderr, io.env);
}

/**
 * The display of a running job, on stderr: drawn on a terminal, silent otherwise. With
 * `streaming`, the job's text on stdout is the progress: only notes and the summary are shown.
 */
export function createRunDisplay(io: CliIo, title: string, streaming = false): RunDisplay {
  if (!showsProgress(io)) return new SilentRunDisplay();
  const styles = stylesFor(io.stderr, io.env);
  if (streaming) return new SummaryDisplay(io.stderr, styles);
  return new InteractiveRunDisplay({
    stream: io.stderr,
    styles,
    colour: colourEnabled(io.stderr, io.env),
    title,
  });
}

/** The display of files being saved, on stderr: drawn on a terminal, silent otherwise. */
export function createDownloadDisplay(io: CliIo): DownloadDisplay {
  if (!showsProgress(io)) return new SilentDownloadDisplay();
  return new InteractiveDownloadDisplay(io.stderr, stylesFor(io.stderr, io.env));
}

/** What the command is busy with before the job exists (schema, uploads): a spinner on a terminal. */
export function createActivity(io: CliIo): Activity {
  if (!showsProgress(io)) return new SilentActivity();
  return new SpinnerActivity(io.stderr, colourEnabled(io.stderr, io.env));
}
