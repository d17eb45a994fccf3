// Prints results as a plain-text table that reads the same in a terminal and in a CI log.

/** Pads every column to its widest cell; the first row is the header. */
export function formatTable(rows) {
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.map((row) => String(row[column] ?? "").length)),
  );
  const line = (row) =>
    `| ${row.map((cell, column) => String(cell ?? "").padEnd(widths[column])).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(rows[0]), rule, ...rows.slice(1).map(line)].join("\n");
}

/** How a status is shown in a table cell. */
export const STATUS_LABEL = { pass: "pass", fail: "FAIL", pending: "pending" };
