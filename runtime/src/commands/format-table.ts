/**
 * Lays rows out as aligned columns for a terminal; the first row is the header.
 *
 * @example
 * formatTable([["name", "result"], ["faq", "pass"]]) // "name  result\nfaq   pass"
 */
export function formatTable(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
