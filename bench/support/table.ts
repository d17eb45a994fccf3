import type { MetricSpec, Row, WorkloadResult } from "./types";

/** Pads every column to its widest cell; the first row is the header. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join("\n");
}

/** `1,234 µs (1.05x)`: the figure, its unit and its ratio to bare fetch. */
export function formatFigure(row: Row, metric: MetricSpec): string {
  const figure = row.figures[metric.key];
  // NaN (no value, e.g. no complete run) is null once written to JSON.
  if (typeof figure?.value !== "number" || Number.isNaN(figure.value)) return "n/a";
  const number = figure.value.toLocaleString("en-US", {
    minimumFractionDigits: metric.digits,
    maximumFractionDigits: metric.digits,
  });
  const unit = metric.unit === "x" ? "x" : metric.unit ? ` ${metric.unit}` : "";
  const ratio =
    typeof figure.ratioToFetch !== "number" ? "" : ` (${figure.ratioToFetch.toFixed(2)}x)`;
  return `${number}${unit}${ratio}`;
}

/** A workload's table: a row per contender, a column per metric. */
export function workloadTable(result: WorkloadResult): string {
  const header = ["client", ...result.metrics.map((metric) => metric.label)];
  const rows = result.rows.map((row) => [
    row.repetitions > 1 || result.rows.every((other) => other.repetitions === row.repetitions)
      ? row.label
      : `${row.label} (${row.repetitions} run)`,
    ...result.metrics.map((metric) => formatFigure(row, metric)),
  ]);
  return formatTable([header, ...rows]);
}

/** The whole report, as printed and as put in bench/README.md. */
export function formatReport(results: WorkloadResult[]): string {
  const sections = results.map((result) => {
    const lines = [`### ${result.title}`, "", result.setup, "", workloadTable(result)];
    for (const note of result.notes) lines.push("", `Note: ${note}`);
    return lines.join("\n");
  });
  const targets = results.flatMap((result) => result.targets);
  const targetTable = formatTable([
    ["target", "measured", "met"],
    ...targets.map((target) => [target.target, target.measured, target.met ? "yes" : "**no**"]),
  ]);
  return [...sections, `### Targets\n\n${targetTable}`].join("\n\n");
}
