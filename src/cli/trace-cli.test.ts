/** `nfvtwin run` on a scenario replaying a trace: bad rows refused at file:line (nothing written) or skipped and counted. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { slotModel } from "../testing/scenario-files.js";
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
