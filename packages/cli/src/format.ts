/** Small formatters shared by the commands' human-readable output. */

/** `850ms`, `12.3s`, `4m 05s`, `1h 02m`. */
export function formatDuration(milliseconds: number): string {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return "-";
  if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const wholeSeconds = Math.floor(seconds);
  const minutes = Math.floor(wholeSeconds / 60);
  if (minutes < 60) return `${minutes}m ${String(wholeSeconds % 60).padStart(2, "0")}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`;
}

/** `512 B`, `1.5 kB`, `3.2 MB` (powers of 1000, as file managers show them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "?";
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** An ISO date-time without milliseconds, or `-`. */
export function formatDate(date: Date | string | null | undefined): string {
  if (date === null || date === undefined) return "-";
  const parsed = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(parsed.getTime())) return String(date);
  return parsed.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A value as one line of text: strings as they are, everything else as compact JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "-";
  if (typeof value === "string") return value;
  if (value instanceof Date) return formatDate(value);
  return JSON.stringify(value);
}

/** Shortens `text` to `width` characters, ending with an ellipsis when it was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  if (text.length <= width) return text;
  return width === 1 ? "…" : `${text.slice(0, width - 1)}…`;
}

/** A column of {@link formatTable}. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => unknown;
  /** Longest cell before it is cut with an ellipsis. @default 60 */
  maxWidth?: number;
}

/** Rows as an aligned plain-text table with a header line. */
export function formatTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) =>
    columns.map((column) =>
      truncate(oneLine(formatValue(column.value(row))), column.maxWidth ?? 60),
    ),
  );
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => line[index]!.length)),
  );
  const render = (line: string[]) =>
    line
      .map((cell, index) => (index === line.length - 1 ? cell : cell.padEnd(widths[index]!)))
      .join("  ")
      .trimEnd();
  return [render(columns.map((column) => column.header.toUpperCase())), ...cells.map(render)].join(
    "\n",
  );
}

/** The `label, value` pairs of {@link formatRecord}. */
export type RecordEntries = ReadonlyArray<readonly [string, unknown]>;

/** `label: value` lines, labels aligned; entries whose value is undefined are left out. */
export function formatRecord(entries: RecordEntries): string {
  const shown = entries.filter(([, value]) => value !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown
    .map(([label, value]) => `${`${label}:`.padEnd(width + 1)} ${formatValue(value)}`)
    .join("\n");
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
