/**
 * Invariant mode in CI (issue 15 item 13): every shipped scenario runs with every invariant checker on
 * (every N events and at the end), breaks none, and writes the same results as without the checks.
 * Long scenarios are cut at an event count (the same cut with and without the checks) and checked
 * less often, so the whole file stays within about 20 s of CPU. A violation injected mid-run is
 * reported with its invariant, scenario, seed and event number, and the event log up to it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { planRuns, RunInvariantViolation, runScenario, type RunResult, type RunSpec } from "../scenario/index.js";
import { fileLines } from "../lib/index.js";
import { TenantUsageBook, type ServerRecord } from "../vim/index.js";
import { REPO_ROOT } from "./cli-process.js";
import { TINY_MODEL, TINY_SCENARIO } from "./fixtures.js";
import { specFrom } from "./scenario-files.js";
import { loadShipped } from "./shipped-scenario.js";

/** Events between checks, and a cut (maxEvents) for the long scenarios; the rest: every DEFAULT_EVERY events, uncut. */
const BUDGET: Readonly<Record<string, { readonly every: number; readonly maxEvents?: number }>> = {
  "scenarios/accelerators/fpga-pool-exhaustion.yaml": { every: 5000, maxEvents: 20_000 },
  "scenarios/accelerators/gpu-vs-cpu.yaml": { every: 5000, maxEvents: 20_000 },
  // 2,000 hosts: a check rebuilds every capacity-index tree, about 0.9 s.
  "scenarios/faults/year-of-host-failures.yaml": { every: 3000, maxEvents: 6000 },
  "scenarios/placement/erlang-loss.yaml": { every: 10_000, maxEvents: 20_000 },
  // 50 clusters, 350 nodes: the first hour's creations are enough to check.
  "scenarios/ccm/regional-50-clusters.yaml": { every: 3000, maxEvents: 3000 },
  // 10,000 hosts: one check (at the cut, the end), about 1.7 s.
  "scenarios/placement/large-steady-state.yaml": { every: 10_000, maxEvents: 10_000 },
  "scenarios/placement/lab-pack.yaml": { every: 1000, maxEvents: 15_000 },
  "scenarios/placement/lab-spread.yaml": { every: 1000, maxEvents: 15_000 },
  "scenarios/placement/policy-comparison.yaml": { every: 1000, maxEvents: 6000 },
  // A sweep of 12 runs of about 3,000 trace arrivals each on 5-8 hosts.
  "scenarios/site/growth-study.yaml": { every: 2000, maxEvents: 8000 },
};
const DEFAULT_EVERY = 500;
/** Plans of more runs (variants × replications, sweep points) run this many, evenly spaced: each variant of policy-comparison once. */
const MAX_RUNS = 4;

/** At most MAX_RUNS of `runs`, every ⌈n / MAX_RUNS⌉-th from the first. */
function sampleRuns<T>(runs: ReadonlyArray<T>): T[] {
  const step = Math.ceil(runs.length / MAX_RUNS);
  return runs.filter((_, i) => i % step === 0);
}

function shippedScenarios(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? shippedScenarios(join(dir, e.name)) : e.name.endsWith(".yaml") ? [join(dir, e.name)] : []))
    .filter((f) => /^kind: Scenario\s*$/m.test(readFileSync(f, "utf8")));
}

const cut = (spec: RunSpec, maxEvents: number | undefined): RunSpec => (maxEvents === undefined ? spec : { ...spec, stop: { ...spec.stop, maxEvents } });
const checked = (spec: RunSpec, every: number): RunSpec => ({ ...spec, output: { ...spec.output, checkInvariantsEvery: every } });
/** What a run writes, less nothing: the whole result as JSON (summary, rows, digests). */
const bytes = (results: ReadonlyArray<RunResult>): string => JSON.stringify(results);

describe("every shipped scenario under --check-invariants", () => {
  for (const file of shippedScenarios(join(REPO_ROOT, "scenarios")).map((f) => relative(REPO_ROOT, f).split("\\").join("/"))) {
    it(`${file}: no invariant breaks, and the results are the same as unchecked`, () => {
      const budget = BUDGET[file];
      const spec = loadShipped(file);
      const runs = sampleRuns(planRuns(spec, spec.replications).runs).map((r) => cut(r, budget?.maxEvents));
      // Scenarios replaying a trace read it from its file, as the CLI's threads do.
      const off = runs.map((r) => runScenario(r, { openTrace: fileLines }));
      const on = runs.map((r) => runScenario(checked(r, budget?.every ?? DEFAULT_EVERY), { openTrace: fileLines }));
      expect(bytes(on)).toBe(bytes(off));
    });
  }
});

describe("checks between chunks of events", () => {
  it("leave a run that stops on its arrivals count where it stops unchecked, even checked after every event", () => {
    const spec = specFrom(TINY_SCENARIO.replace("stop: { horizon: 6h }", "stop: { arrivals: 40 }"), TINY_MODEL);
    const off = runScenario(spec);
    expect(off.summary.run.stoppedBy).toBe("stopped");
    expect(bytes([runScenario(checked(spec, 1))])).toBe(bytes([off]));
  });
});

describe("a violation in invariant mode", () => {
  /** The tiny scenario with a quota (so the usage book exists) and a book that forgets server vm-5. */
  function brokenRun(every: number): RunInvariantViolation {
    const model = TINY_MODEL.replace("  - { id: t1 }", "  - { id: t1, quotas: { instances: 1000 } }");
    const recharge = TenantUsageBook.prototype.recharge;
    const spy = vi.spyOn(TenantUsageBook.prototype, "recharge").mockImplementation(function (this: TenantUsageBook, s: ServerRecord) {
      if (s.no !== 5) recharge.call(this, s);
    });
    try {
      runScenario(checked(specFrom(TINY_SCENARIO, model), every));
    } catch (e) {
      if (e instanceof RunInvariantViolation) return e;
      throw e;
    } finally {
      spy.mockRestore();
    }
    throw new Error("the broken book went unnoticed");
  }

  it("names the invariant, scenario, seed and event number, and carries the event log up to that event", () => {
    const first = brokenRun(1);
    expect(first.data).toMatchObject({ invariant: "INV-B3", scenario: "tiny-run", seed: 9 });
    expect(first.message).toContain(`(scenario tiny-run, seed 9, event ${first.data.eventNumber})`);
    // Checked after every event, the break is found at the event that made it: vm-5's placement.
    const lines = first.data.eventsJsonl!.trimEnd().split("\n").map((l) => JSON.parse(l) as { seq: number; id: string });
    expect(lines.at(-1)!.id).toBe("vm-5");
    expect(lines.map((r) => r.seq)).toEqual(lines.map((_, i) => i + 1));
    // Checked every 40 events, it is found at the next check, with the log the failed run had written.
    const later = brokenRun(40);
    expect(later.data.eventNumber % 40).toBe(0);
    expect(later.data.eventNumber).toBeGreaterThanOrEqual(first.data.eventNumber);
    expect(later.data.eventsJsonl!.startsWith(first.data.eventsJsonl!)).toBe(true);
  });
});
