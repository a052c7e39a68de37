/** Plain-text table and number formatting for benchmark output. */
import type { BenchTable } from "./section.js";

/** Renders a table with aligned columns: text left, numbers right. */
export function renderTable(table: BenchTable): string {
  const all = [table.columns, ...table.rows];
  const widths = table.columns.map((_, c) => Math.max(...all.map((row) => (row[c] ?? "").length)));
  const numeric = table.columns.map((_, c) => table.rows.length > 0 && table.rows.every((row) => /^[-+]?[\d.,]+\s*[a-zA-Z/%x×]*$/.test(row[c] ?? "")));
  const line = (row: ReadonlyArray<string>): string =>
    row.map((cell, c) => (numeric[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const notes = (table.notes ?? []).map((note) => `  ${note}`);
  return [line(table.columns), rule, ...table.rows.map(line), ...notes].join("\n");
}

/** Seconds with 3 decimals. */
export const seconds = (s: number): string => `${s.toFixed(3)} s`;

/** A rate in millions per second. */
export const perSecondMillions = (n: number): string => `${(n / 1e6).toFixed(2)} M/s`;

/** A ratio like `1.23x`. */
export const ratio = (r: number): string => `${r.toFixed(2)}x`;

/** Median of a non-empty list. */
export function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
