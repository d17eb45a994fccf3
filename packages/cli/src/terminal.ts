/** Where the CLI writes: a writable stream that may be a terminal. */
export type OutputStream = NodeJS.WritableStream & {
  readonly isTTY?: boolean | undefined;
  readonly columns?: number | undefined;
};

/**
 * Whether to colour what goes to `stream`: only on a terminal that can show colour (not
 * `TERM=dumb`), and never when `NO_COLOR` is set to anything but the empty string
 * (https://no-color.org).
 */
export function colourEnabled(
  stream: OutputStream,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}

/** A few ANSI styles that turn into plain text when colour is off. */
export interface Styles {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const ANSI = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

/** Styles for `stream`: ANSI when {@link colourEnabled}, identity functions otherwise. */
export function stylesFor(stream: OutputStream, env?: Record<string, string | undefined>): Styles {
  const enabled = colourEnabled(stream, env);
  const style =
    ([open, close]: readonly [number, number]) =>
    (text: string) =>
      enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: style(ANSI.bold),
    dim: style(ANSI.dim),
    red: style(ANSI.red),
    green: style(ANSI.green),
    yellow: style(ANSI.yellow),
    cyan: style(ANSI.cyan),
  };
}

/** Whether an interactive display (spinner, bars) may be drawn on `stream`. */
export function interactive(stream: OutputStream, env = process.env): boolean {
  // TERM=dumb terminals cannot move the cursor, which every redrawing display needs.
  return stream.isTTY === true && env.TERM !== "dumb";
}
