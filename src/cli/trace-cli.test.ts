/** `nfvtwin run` on a scenario replaying a trace: bad rows refused at file:line (nothing written) or skipped and counted. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { slotModel } from "../testing/scenario-files.js";
import { REPO_ROOT } from "../testing/cli-process.js";
import { checkPolicyRef, formatInputIssue, loadScenario } from "../scenario/index.js";
import { nodeReader } from "./node-reader.js";
import { runCommandCaptured } from "./run-command.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-trace-cli-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "model.yaml"), slotModel(2, 8));
const scenario = (file: string) => `kind: Scenario
name: replay
model: model.yaml
stop: { horizon: 1h }
workload:
  traces:
    - { id: tr, file: ${file}, format: csv, tenant: t }
`;
writeFileSync(join(work, "bad.yaml"), scenario("traces/bad.csv"));
writeFileSync(join(work, "missing.yaml"), scenario("traces/none.csv"));
const traces = join(work, "traces");
mkdirSync(traces);
writeFileSync(join(traces, "bad.csv"), "time,vcpus,ramMb,end\n0,1,1,60\n10,1,1,5\n20,1,1,600\n");

describe("nfvtwin run with a replayed trace", () => {
  it("refuses a bad row with its file:line and writes nothing (exit 2); --skip-bad-rows counts it", async () => {
    const out = join(work, "out");
    const refused = await runCommandCaptured(["run", join(work, "bad.yaml"), "--out", out, "--workers", "1"]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/traces\/bad\.csv:3:1: end 5 is before time 10\n$/);
    expect(existsSync(out)).toBe(false);
    const skipped = await runCommandCaptured(["run", join(work, "bad.yaml"), "--out", out, "--workers", "1", "--skip-bad-rows", "--quiet"]);
    expect(skipped.exitCode).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, "replay/summary.json"), "utf8"));
    expect(summary.traces.tr).toMatchObject({ badRowsSkipped: 1, requests: 2 });
    expect(readFileSync(join(out, "replay/report.md"), "utf8")).toContain("| tr | 1 vCPU / 1 MB | one | 2 |");
  });

  it("a missing trace file is exit 2 where the scenario names it", async () => {
    const r = await runCommandCaptured(["validate", join(work, "missing.yaml")]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/missing\.yaml:7:23: workload\.traces\.0\.file: cannot read the trace .*traces\/none\.csv: no such file\n$/);
  });
});

describe("nfvtwin fit", () => {
  it("writes a workload section a scenario takes as is, and its comparison report", async () => {
    const trace = join(work, "traces/sample.csv");
    writeFileSync(trace, readFileSync(join(REPO_ROOT, "scenarios/traces/vmtable.csv"), "utf8"));
    const out = join(work, "fit/azure.yaml");
    mkdirSync(join(work, "fit"));
    const r = await runCommandCaptured(["fit", trace, "--format", "azure-v2", "--model", join(REPO_ROOT, "models/lab.yaml"), "--tenant", "it-apps", "--out", out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/: 200 creates; lifetime lognormal \(KS lognormal 0\.\d{4}, weibull 0\.\d{4}\) -> /);
    const report = readFileSync(join(work, "fit/azure.md"), "utf8");
    expect(report).toMatch(/^# Fit of sample\.csv \(azure-v2\)/);
    // The charts beside it (SVG via the report's chart helpers), linked from the report; a second fit replaces them.
    expect(report).toContain("## Charts\n\n![azure-lifetimes.svg](azure-lifetimes.svg)\n\n![azure-arrivals.svg](azure-arrivals.svg)\n");
    for (const chart of ["azure-lifetimes.svg", "azure-arrivals.svg"]) expect(readFileSync(join(work, "fit", chart), "utf8")).toMatch(/^<!-- Fitted by nfvtwin fit -->\n<svg[^>]*>[\s\S]*(lognormal|hour of day)[\s\S]*<\/svg>$/);
    const workload = readFileSync(out, "utf8");
    const text = `kind: Scenario\nname: fitted\nmodel: ${join(REPO_ROOT, "models/lab.yaml")}\nstop: { horizon: 1d }\n${workload.replace("rateMultiplier: 1", "rateMultiplier: 1.3")}`;
    writeFileSync(join(work, "fitted.yaml"), text);
    const loaded = loadScenario(nodeReader(work), join(work, "fitted.yaml"), checkPolicyRef);
    expect(loaded.ok ? [] : loaded.issues.map(formatInputIssue)).toEqual([]);
    expect((await runCommandCaptured(["fit", trace, "--format", "azure-v2", "--out", out, "--quiet"])).exitCode).toBe(0);
    // A file fit did not write is never replaced.
    writeFileSync(join(work, "fit/mine.yaml"), "mine\n");
    const refused = await runCommandCaptured(["fit", trace, "--format", "azure-v2", "--out", join(work, "fit/mine.yaml")]);
    expect(refused.exitCode).toBe(2);
    expect(readFileSync(join(work, "fit/mine.yaml"), "utf8")).toBe("mine\n");
  });
});
