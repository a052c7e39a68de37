/**
 * Issue 15 item 11: a run whose names, description, zones, reasons, warnings and expectation texts
 * hold markup, XML-forbidden characters and terminal escape sequences, rendered to junit.xml, report.md
 * and report.html in process. junit.xml must be well-formed, report.md must carry no markup, link or
 * extra table cell from the input, report.html no tag from it, and none of them a control sequence.
 */
import { describe, expect, it } from "vitest";
import { comparisonMarkdown, loadChartKit, renderRunFiles, replicationsMarkdown } from "../report/index.js";
import type { ExpectationOutcome, RunResult } from "../scenario/index.js";
import { tinyComparison, tinyReplications, tinyRun } from "./report-results.js";
import { xmlWellFormedProblems } from "./xml-well-formed.js";

const ESC = "\u001b";
const HOSTILE = `<script>alert(1)</script> <img src=x onerror=alert(1)> <!-- ]]> & | \uFFFE \uFFFF \uD800 ${ESC}[31mred ${ESC}]0;owned\u0007 [x](http://evil) ![i][r] end`;
const expectations: ExpectationOutcome[] = [
  { text: `${HOSTILE} <= 0.5: got 1`, passed: false, metric: "requests.rejectionRate", value: 1 },
  { text: `servers.meanAlive >= 1 (${HOSTILE}): got 2`, passed: true, metric: "servers.meanAlive", value: 2 },
];

/** The tiny run with the hostile string in every input-derived field report.md, report.html and junit.xml show. */
function hostileRun(): RunResult {
  const r = tinyRun(HOSTILE, `${HOSTILE}\n[r]: http://evil\nline three`);
  const s = r.summary;
  const all = s.utilisation["all"]!;
  return {
    ...r,
    expectations,
    summary: {
      ...s,
      scenario: { ...s.scenario, file: `scenarios/${HOSTILE}.yaml`, model: HOSTILE },
      requests: { ...s.requests, hostsRejectedByReason: { [HOSTILE]: 3 } },
      servers: { ...s.servers, placedByZone: { [HOSTILE]: s.servers.placed } },
      utilisation: { ...s.utilisation, [HOSTILE]: all },
      warnings: [HOSTILE],
    },
  };
}

/** Controls, escape sequences, U+FFFE/U+FFFF and lone surrogates found in `text`. */
const forbidden = (text: string): string[] => [...text.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffe\uffff]|\p{Cs}/gu)].map((m) => escape(m[0]));

/** The Markdown problems input text could cause: raw markup brackets, links, table rows with extra cells. */
function markdownProblems(md: string): string[] {
  const problems: string[] = [];
  const withoutOperators = md.replace(/[<>]=/g, "");
  if (/[<>]/.test(withoutOperators)) problems.push(`raw < or >: ${withoutOperators.match(/.{0,20}[<>].{0,20}/)![0]}`);
  if (/(?<!\\)\](?:\(|\[|:)/.test(md)) problems.push("a link or link definition");
  let cells: number | undefined;
  for (const line of md.split("\n")) {
    if (!line.startsWith("|")) {
      cells = undefined;
      continue;
    }
    const n = line.replace(/\\\\/g, "").split(/(?<!\\)\|/).length;
    if (cells !== undefined && n !== cells) problems.push(`a row with ${n - 2} cells under a header of ${cells - 2}: ${line}`);
    cells ??= n;
  }
  if (md.includes("owned") || md.includes("[31m")) problems.push("the text of an escape sequence");
  return [...problems, ...forbidden(md)];
}

const kit = await loadChartKit();

describe("hostile names in a run's reports", () => {
  const files = renderRunFiles(hostileRun(), kit);

  it("junit.xml is well-formed XML 1.0", () => {
    const xml = files.get("junit.xml")!;
    expect(xmlWellFormedProblems(xml)).toEqual([]);
    expect(xml).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("report.md shows the input as text: no markup, link, extra cell or control from it", () => {
    const md = files.get("report.md")!;
    expect(markdownProblems(md)).toEqual([]);
    expect(md).toContain("# &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; &lt;!-- ]]&gt; &amp; \\| ");
    expect(md).toContain("- FAIL &lt;script&gt;");
    expect(md).toContain(" <= 0.5: got 1");
  });

  it("report.html has no tag, comment or control from the input", () => {
    const html = files.get("report.html")!;
    for (const raw of ["<script", "<img", "<!--", "owned", "[31m"]) expect(html).not.toContain(raw);
    expect(forbidden(html)).toEqual([]);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("hostile names in aggregate reports", () => {
  it("replications and comparison report.md", () => {
    const reps = tinyReplications();
    const spec = { ...reps.spec, name: HOSTILE, description: HOSTILE };
    expect(markdownProblems(replicationsMarkdown({ ...reps, spec, expectations, warnings: [HOSTILE] }))).toEqual([]);
    const cmp = tinyComparison();
    const variants = cmp.variants.map((v, i) => ({ ...v, name: i === 0 ? HOSTILE : v.name, policy: HOSTILE, replications: { ...v.replications, warnings: [HOSTILE] } }));
    expect(markdownProblems(comparisonMarkdown({ ...cmp, spec: { ...cmp.spec, name: HOSTILE, description: HOSTILE }, variants, expectations }))).toEqual([]);
  });
});

describe("the well-formedness check", () => {
  it("finds each way a document can be broken", () => {
    const broken = ["<a>\uFFFE</a>", "<a>\uFFFF</a>", "<a>\uD800</a>", `<a>${ESC}[31m</a>`, "<a>]]></a>", "<a>&</a>", "<a>&#1;</a>", "<a>&nbsp;</a>", '<a x="<"/>', '<a x="1" x="2"/>', "<a><b></a>", "<a>", "<a/><b/>", "<a><</a>", "text"];
    for (const xml of broken) expect(xmlWellFormedProblems(xml), JSON.stringify(xml)).not.toEqual([]);
    expect(xmlWellFormedProblems('<?xml version="1.0"?>\n<a x="&lt;&#x1F642;"><b/>ok &amp; &#233;</a>\n')).toEqual([]);
  });
});
