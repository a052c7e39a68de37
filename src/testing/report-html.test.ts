/**
 * report.html as a reader gets it: every input string escaped, charts with drawn paths, the same
 * bytes for the same run, nothing that would reach outside the file.
 */
import { describe, expect, it } from "vitest";
import { comparisonHtml, escapeHtml, loadChartKit, renderRunFiles, replicationsHtml, runHtml, sweepChartSvg } from "../report/index.js";
import { tinyComparison, tinyReplications, tinyRun } from "./report-results.js";

const kit = await loadChartKit();
const SCRIPT_NAME = "<script>alert(1)</script>";

/** The d attribute of every <path> element. */
const pathData = (html: string): string[] => [...html.matchAll(/<path\b[^>]*\sd="([^"]*)"/g)].map((m) => m[1]!);

/** Everything in the page that could make a browser fetch or run something. */
function outsideReferences(html: string): string[] {
  const urls = [...html.matchAll(/\b(?:https?|ftp|file|data|javascript):[^\s"'<>)]*/gi)].map((m) => m[0]).filter((u) => u !== "http://www.w3.org/2000/svg");
  // Attributes only inside real tags: escaped input text ("&lt;img src=x") is not markup.
  const tagsText = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].map((m) => m[0]).join("\n");
  const attributes = [...tagsText.matchAll(/\s(src|href|xlink:href|srcset|action|on[a-z]+)\s*=/gi)].map((m) => m[1]!);
  const tags = [...html.matchAll(/<(script|link|img|iframe|object|embed|image|use|foreignObject)\b/gi)].map((m) => m[0]);
  return [...urls, ...attributes, ...tags, ...(html.includes("url(") ? ["url("] : []), ...(html.includes("@import") ? ["@import"] : [])];
}

describe("escapeHtml", () => {
  it("escapes markup and both quotes, and drops control characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>\u0007`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("report.html of one run", () => {
  const result = tinyRun(SCRIPT_NAME, `<img src=x onerror="alert(2)"> & more`);
  const html = runHtml(result, kit);

  it("shows a <script> scenario name only as escaped text, in the page and in the charts' input", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>");
    expect(html).toContain("<title>&lt;script&gt;alert(1)&lt;/script&gt; · nfvtwin report</title>");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt; &amp; more");
  });

  it("puts the scenario, file, seed and run digest on the first screen, before any chart", () => {
    const firstChart = html.indexOf("<svg");
    for (const text of ["s.yaml", "<dt>seed</dt><dd>9</dd>", result.summary.run.digest, "rejection rate", "Expectations"]) {
      expect(html.indexOf(text), text).toBeGreaterThan(0);
      expect(html.indexOf(text), text).toBeLessThan(firstChart);
    }
  });

  it("draws non-empty paths: utilisation lines, servers alive, rejection bars", () => {
    const drawn = pathData(html).filter((d) => /^M[\d.]+,[\d.]+[LHV]/.test(d));
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    // Utilisation of MEMORY_MB, VCPU and DISK_GB (one chart per class in use), servers alive, rejected requests over time, rejections by reason.
    expect(html.match(/<svg\b/g)).toHaveLength(6);
  });

  it("references nothing outside the file", () => {
    expect(outsideReferences(html)).toEqual([]);
    expect(html).toContain("Content-Security-Policy");
  });

  it("is deterministic: the same run gives the same bytes, with a fresh chart kit too", async () => {
    expect(runHtml(tinyRun(SCRIPT_NAME, `<img src=x onerror="alert(2)"> & more`), await loadChartKit())).toBe(html);
  });

  it("escapes input strings inside the SVG text too (reasons, zones)", () => {
    const reasons = { "<b>bold</b> & co": 3 };
    const marked = { ...result, summary: { ...result.summary, requests: { ...result.summary.requests, hostsRejectedByReason: reasons } } };
    const svg = runHtml(marked, kit);
    expect(svg).not.toContain("<b>bold");
    expect(svg).toContain("&lt;b&gt;bold&lt;/b&gt; &amp; co");
  });

  it("is written beside report.md in the run's folder", () => {
    expect([...renderRunFiles(result, kit).keys()]).toContain("report.html");
  });
});

describe("report.html of replications and comparisons", () => {
  it("replications: intervals per key metric, run digests, no outside references, stable bytes", () => {
    const reps = tinyReplications();
    const html = replicationsHtml(reps, kit);
    expect(html).toContain(reps.runs[2]!.summary.run.digest);
    expect(pathData(html).filter((d) => d.length > 10).length).toBeGreaterThanOrEqual(3);
    expect(outsideReferences(html)).toEqual([]);
    expect(replicationsHtml(reps, kit)).toBe(html);
  });

  it("comparison: one interval row per variant, paired differences, no outside references", () => {
    const cmp = tinyComparison();
    const html = comparisonHtml(cmp, kit);
    expect(html).toContain("Paired differences to the baseline");
    expect(html.match(/class="mean"/g)!.length).toBeGreaterThanOrEqual(2 * 3);
    expect(outsideReferences(html)).toEqual([]);
  });
});

describe("sweep chart", () => {
  it("draws an error bar per point with an interval and a labelled target line, the same bytes every time", () => {
    const points = [1, 2, 3].map((p) => ({ parameter: p * 10, value: p / 100, halfWidth: p === 2 ? 0 : 0.004 }));
    const labels = { title: "load", parameter: "rate", metric: "rejection rate", targets: [{ value: 0.02, label: "max 2 %" }] };
    const svg = sweepChartSvg(kit, points, points[1], labels);
    expect(svg.match(/class="error-bar"/g)).toHaveLength(2);
    expect(svg.match(/class="target"/g)).toHaveLength(1);
    expect(svg).toMatch(/class="target-label"[^>]*>max 2 %</);
    expect(sweepChartSvg(kit, [...points].reverse(), points[1], labels)).toBe(svg);
  });

  it("draws the curve through the sorted points and rings the chosen one", () => {
    const points = [3, 1, 2, 4].map((p) => ({ parameter: p, value: 1 / p }));
    const svg = sweepChartSvg(kit, points, { parameter: 2, value: 0.5 }, { title: "ratio <sweep>", parameter: "VCPU ratio", metric: "rejection rate" });
    expect(pathData(svg)[0]).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(svg).toContain('class="chosen"');
    expect(svg).toContain("ratio &lt;sweep&gt;");
    expect(sweepChartSvg(kit, points, { parameter: 2, value: 0.5 })).toBe(sweepChartSvg(kit, [...points].reverse(), { parameter: 2, value: 0.5 }));
  });
});
