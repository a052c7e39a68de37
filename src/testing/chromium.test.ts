/**
 * report.html in a real browser, as a user opens it (issue 4, item 6): headless Chromium (Debian's
 * chromium through playwright-core) loads the file from disk; the charts must render (SVG paths with
 * a non-zero box), nothing may be fetched from the network, and a scenario named `<script>` must show
 * as text without running. Not skipped when Chromium is missing: it fails and names the install.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadChartKit, runHtml } from "../report/index.js";
import { tinyRun } from "./report-results.js";

const CHROMIUM = process.env["NFVTWIN_CHROMIUM"] ?? "/usr/bin/chromium";
const SCRIPT_NAME = "<script>alert(1)</script>";

interface PageFindings {
  readonly requests: string[];
  readonly dialogs: string[];
  readonly heading: string;
  readonly scripts: number;
  readonly paths: number;
  readonly drawnPaths: number;
  readonly svgs: number;
}

describe("report.html in headless Chromium", () => {
  let browser: Browser | undefined;
  let dir = "";

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y --no-install-recommends chromium\` (.ci/run does), or set NFVTWIN_CHROMIUM`);
    }
    dir = mkdtempSync(join(tmpdir(), "nfvtwin-chromium-"));
    // As root (containers, CI) Chromium refuses to start with its sandbox on.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, chromiumSandbox: false });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `html` from a file, recording every request and dialog, and measures the rendered page. */
  async function open(html: string): Promise<PageFindings & { readonly url: string }> {
    const file = join(dir, "report.html");
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser!.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: "load" });
    // Locators rather than page.evaluate: the type check has no DOM library (the twin never runs in a browser).
    const paths = await page.locator("svg path").all();
    let drawnPaths = 0;
    for (const path of paths) {
      const box = await path.boundingBox();
      if ((await path.getAttribute("d"))?.length && box !== null && (box.width > 0 || box.height > 0)) drawnPaths++;
    }
    const measured = {
      heading: (await page.locator("h1").textContent()) ?? "",
      scripts: await page.locator("script").count(),
      paths: paths.length,
      drawnPaths,
      svgs: await page.locator("svg").count(),
    };
    await page.close();
    return { ...measured, requests, dialogs, url };
  }

  it("renders the charts, fetches nothing, and shows a <script> scenario name as text", async () => {
    const found = await open(runHtml(tinyRun(SCRIPT_NAME), await loadChartKit()));
    expect(found.requests).toEqual([found.url]);
    expect(found.dialogs).toEqual([]);
    expect(found.heading).toBe(SCRIPT_NAME);
    expect(found.scripts).toBe(0);
    expect(found.svgs).toBe(6); // three utilisation charts (one per class in use), servers alive, rejections over time and by reason
    expect(found.drawnPaths).toBeGreaterThanOrEqual(3);
  });

  it("the checks can fail: an unescaped script runs and an external image is requested", async () => {
    const planted = `<!DOCTYPE html><html><body><h1>x</h1><img src="http://127.0.0.1:9/x.png"><script>alert(1)</script></body></html>`;
    const found = await open(planted);
    expect(found.dialogs).toEqual(["1"]);
    expect(found.requests).toContain("http://127.0.0.1:9/x.png");
    expect(found.drawnPaths).toBe(0);
  });
});
