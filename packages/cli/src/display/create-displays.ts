import type { CliIo } from "../io";
import { colourEnabled, interactive, stylesFor } from "../terminal";
import {
  type DownloadDisplay,
  InteractiveDownloadDisplay,
  SilentDownloadDisplay,
} from "./download-display";
import { InteractiveRunDisplay } from "./interactive-run-display";
import { type RunDisplay, SilentRunDisplay } from "./job-view";

/** Whether progress is drawn at all: only when stderr is a terminal. */
export function showsProgress(io: CliIo): boolean {
  return interactive(io.stderr, io.env);
}

/** The display of a running job, on stderr: drawn on a terminal, silent otherwise. */
export function createRunDisplay(io: CliIo, title: string): RunDisplay {
  if (!showsProgress(io)) return new SilentRunDisplay();
  return new InteractiveRunDisplay({
    stream: io.stderr,
    styles: stylesFor(io.stderr, io.env),
    colour: colourEnabled(io.stderr, io.env),
    title,
  });
}

/** The display of files being saved, on stderr: drawn on a terminal, silent otherwise. */
export function createDownloadDisplay(io: CliIo): DownloadDisplay {
  if (!showsProgress(io)) return new SilentDownloadDisplay();
  return new InteractiveDownloadDisplay(io.stderr, stylesFor(io.stderr, io.env));
}
