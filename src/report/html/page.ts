/**
 * The page around the charts: one self-contained HTML document (inline CSS, no script, no external
 * URL of any kind), with a Content-Security-Policy that forbids scripts and fetches, so even a
 * missed escape could not run code or reach the network.
 */
import { escapeHtml } from "./escape.js";

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:960px;padding:16px 24px;color:#222}
h1{font-size:24px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd}
.identity{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
.identity dt{color:#666}.identity dd{margin:0;word-break:break-all}
code{font:12px ui-monospace,monospace;background:#f4f4f4;padding:1px 4px}
.headline{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.figure{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:120px}
.figure b{display:block;font-size:22px}.figure span{color:#666;font-size:12px}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px}th{background:#f7f7f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}
svg.chart{max-width:100%;height:auto;display:block;margin:8px 0}
.chart-title{font-size:14px;font-weight:600}.tick,.legend,.bar-label,.bar-value,.axis-label{font-size:11px;fill:#333}
.grid{stroke:#eee}.axis{stroke:#888}.series{stroke-width:1.5}.bar{fill:#4c78a8}
.error-bar{stroke:#333;stroke-width:1.5;fill:none}.mean{fill:#d62728}.point{fill:#1f77b4}
.chosen{fill:none;stroke:#d62728;stroke-width:2}.chosen-label{font-size:11px;fill:#d62728}.empty{fill:#999}
`;

export interface PageSpec {
  readonly title: string;
  /** HTML fragments, already escaped (built with escapeHtml and the chart functions). */
  readonly body: ReadonlyArray<string>;
}

/** The whole report.html document. */
export function htmlPage(spec: PageSpec): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(spec.title)} · nfvtwin report</title>`,
    `<style>${CSS.trim()}</style>`,
    "</head>",
    "<body>",
    ...spec.body,
    '<footer><p><small>Written by nfvtwin; every number is from the files named above and the seed.</small></p></footer>',
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
