/**
 * INV-M1: the same files and seed give byte-identical outputs. Each golden scenario runs twice and
 * every report byte and the event log digest must match; the bytes must also match the committed
 * golden copy. A missing golden fails; regenerate with `npm run golden` after an intended change, and
 * review the diff.
 */
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadChartKit, renderReplicationFiles, renderRunFiles } from "../report/index.js";
import { runReplications, runScenario } from "../scenario/index.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";
import { checkGolden } from "./golden-file.js";
import { specFrom } from "./scenario-files.js";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "golden");

function runFiles(seed?: number): Map<string, string> {
  return renderRunFiles(runScenario(specFrom(TINY_SCENARIO, TINY_MODEL, seed)), kit);
}

const digest = (files: Map<string, string>): Record<string, string> =>
  Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, text]) => [name, createHash("sha256").update(text).digest("hex")]));

const kit = await loadChartKit();

describe("determinism", () => {
  it("two runs with the same seed write byte-identical files", () => {
    const a = runFiles();
    const b = runFiles();
    expect([...a.keys()].sort()).toEqual(["events.jsonl", "report.html", "report.md", "summary.json", "timeseries.csv"]);
    expect(digest(a)).toEqual(digest(b));
  });

  it("a different seed changes the trace", () => {
    expect(digest(runFiles(10))["events.jsonl"]).not.toBe(digest(runFiles(11))["events.jsonl"]);
  });

  it("the run digest is equal for a replay, with or without --trace, and differs for another seed or input", () => {
    const digestOf = (scenario: string, seed?: number): string => runScenario(specFrom(scenario, TINY_MODEL, seed)).summary.run.digest;
    const base = digestOf(TINY_SCENARIO);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(TINY_SCENARIO)).toBe(base);
    expect(digestOf(TINY_SCENARIO.replace("trace: true", "trace: false"))).toBe(base);
    expect(digestOf(TINY_SCENARIO, 10)).not.toBe(base);
    expect(digestOf(TINY_SCENARIO.replace("mean: 2h", "mean: 3h"))).not.toBe(base);
  });

  it("matches the committed golden output", () => {
    const files = runFiles();
    for (const name of ["summary.json", "timeseries.csv", "events.jsonl", "report.html", "report.md"]) expectGolden(`tiny-run.${name}`, files.get(name)!);
  });

  it("a replicated run with confidence expectations and a precision warning matches its golden report.md", () => {
    const files = replicatedFiles();
    expect(digest(files)).toEqual(digest(replicatedFiles()));
    expectGolden("tiny-reps.report.md", files.get("report.md")!);
    expect(JSON.parse(files.get("replications.json")!).warnings).toHaveLength(1);
  });
});

// Three replications; the second expectation's 99 % interval overshoots its bound, the precision target is tight.
const REPLICATED = `${TINY_SCENARIO.replace("trace: true", "trace: false")}expect:
  - { metric: requests.rejectionRate, max: 0.5, confidence: 0.95 }
  - { metric: servers.meanAlive, min: 40, confidence: 0.99, description: busy enough }
  - { metric: servers.meanAlive, min: 1 }
precision: { relativeHalfWidth: 0.01, metrics: [servers.meanAlive] }
`;

function replicatedFiles(): Map<string, string> {
  const result = runReplications(specFrom(REPLICATED, TINY_MODEL), 3);
  return new Map([...renderReplicationFiles(result, kit)].filter(([name]) => !name.startsWith("rep-")));
}

/** Compares `text` with the committed golden file `name`; a missing golden fails (`npm run golden` writes them). */
function expectGolden(name: string, text: string): void {
  const path = join(GOLDEN_DIR, name);
  const verdict = checkGolden(path, text, process.env["UPDATE_GOLDEN"] === "1");
  if (verdict.kind === "missing") expect.fail(verdict.message);
  if (verdict.kind === "differs") expect(text, `${name} differs from ${path}`).toBe(verdict.expected);
}
