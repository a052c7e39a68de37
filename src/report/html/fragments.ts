/** HTML fragments the report pages share: identity list, headline figures, tables, expectations. */
import type { ExpectationOutcome } from "../../scenario/index.js";
import { escapeHtml } from "./escape.js";

export type Cell = string | number;

/** A definition list of (label, value) pairs; values in <code> when `code` is set. */
export function identityList(items: ReadonlyArray<{ readonly label: string; readonly value: string; readonly code?: boolean }>): string {
  const rows = items.map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${i.code === true ? `<code>${escapeHtml(i.value)}</code>` : escapeHtml(i.value)}</dd>`);
  return `<dl class="identity">${rows.join("")}</dl>`;
}

/** Big headline numbers, each with a caption. */
export function headlineFigures(figures: ReadonlyArray<{ readonly caption: string; readonly value: string }>): string {
  return `<div class="headline">${figures.map((f) => `<div class="figure"><b>${escapeHtml(f.value)}</b><span>${escapeHtml(f.caption)}</span></div>`).join("")}</div>`;
}

/** A table; number cells right-aligned. Every cell is escaped. */
export function htmlTable(headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>): string {
  const head = `<tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c) => (typeof c === "number" ? `<td class="num">${c}</td>` : `<td>${escapeHtml(c)}</td>`)).join("")}</tr>`);
  return `<table>${head}${body.join("")}</table>`;
}

/** The expectations as a pass/fail table, or a line saying there are none. */
export function expectationsTable(expectations: ReadonlyArray<ExpectationOutcome>): string {
  if (expectations.length === 0) return "<p>No expectations in this scenario.</p>";
  const failed = expectations.filter((e) => !e.passed).length;
  const verdict = failed === 0 ? `<p class="pass">All ${expectations.length} expectations met.</p>` : `<p class="fail">${failed} of ${expectations.length} expectations failed.</p>`;
  const rows = expectations.map((e) => `<tr><td class="${e.passed ? "pass" : "fail"}">${e.passed ? "PASS" : "FAIL"}</td><td>${escapeHtml(e.text)}</td></tr>`);
  return `${verdict}<table><tr><th>result</th><th>expectation</th></tr>${rows.join("")}</table>`;
}

/** A section heading and its content. */
export const section = (title: string, ...content: ReadonlyArray<string>): string => [`<h2>${escapeHtml(title)}</h2>`, ...content].join("\n");

export { percent } from "../number-format.js";

/** A record's entries sorted by key, so tables never depend on insertion order. */
export const sortedEntries = <V>(record: Readonly<Record<string, V>>): Array<[string, V]> =>
  Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** The page's heading: the scenario name and, when it has one, its description (both escaped). */
export function titleBlock(spec: { readonly name: string; readonly description: string }): string[] {
  return [`<h1>${escapeHtml(spec.name)}</h1>`, ...(spec.description === "" ? [] : [`<p>${escapeHtml(spec.description)}</p>`])];
}
