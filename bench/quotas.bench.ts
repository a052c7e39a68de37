/**
 * Quota checks (issue 6 target): they add at most 5 % to the placement benchmark. The Erlang loss
 * scenario (1,000 hosts, 16,000 vCPU slots, first-fit; the e2e section's run) runs as whole `nfvtwin
 * run` processes with its tenant unlimited and with a compute quota that never binds, so every request
 * pays the check (usage sums, admission) and the outcome is the same. Fresh processes, interleaved:
 * in one process the second variant's timing depends on what the JIT saw first.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { mkdirSync } from "node:fs";
import { median, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess } from "./timing.js";
import { erlangFiles } from "./erlang-files.js";

const TARGET_SHARE = 0.05;

export const quotasSection: BenchSection = {
  name: "quotas",
  title: "Quota checks on the placement benchmark: erlang-loss with and without a (never binding) compute quota",
  async run(context: BenchContext): Promise<BenchTable> {
    const reps = context.quick ? 1 : 5;
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-quota-bench-"));
    const { scenario, model: plainModel } = erlangFiles(context.repoRoot);
    const quotaModel = plainModel.replace("  - { id: erlang }", "  - { id: erlang, quotas: { instances: 1000000, cores: 1000000, ram: 1000000000 } }");
    if (quotaModel === plainModel) throw new Error("the erlang-cloud model's tenant line changed: update the quota bench");
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const variant = (name: string, model: string): (() => number) => {
      mkdirFor(path.join(dir, name));
      writeFileSync(path.join(dir, name, "model.yaml"), model);
      writeFileSync(path.join(dir, name, "erlang-loss.yaml"), scenario);
      return () => timeProcess(process.execPath, [cli, "run", path.join(dir, name, "erlang-loss.yaml"), "--quiet", "--workers", "1", "--out", path.join(dir, name, "out")], context.repoRoot).wallSeconds;
    };
    const runPlain = variant("plain", plainModel);
    const runLimited = variant("quota", quotaModel);
    const plain: number[] = [];
    const limited: number[] = [];
    for (let r = 0; r < reps; r++) {
      plain.push(runPlain());
      limited.push(runLimited());
    }
    const placed = (name: string): string => (JSON.parse(readFileSync(path.join(dir, name, "out", "erlang-loss", "summary.json"), "utf8")) as { requests: { all: { placed: number } } }).requests.all.placed.toLocaleString("en");
    const placedPlain = placed("plain");
    const placedLimited = placed("quota");
    rmSync(dir, { recursive: true, force: true });
    const p = median(plain);
    const q = median(limited);
    const share = q / p - 1;
    return {
      columns: ["run", "placed", "wall (median)"],
      rows: [
        ["tenant without quota", placedPlain, seconds(p)],
        ["tenant with a compute quota (checked on every request)", placedLimited, seconds(q)],
      ],
      notes: [
        `quota checks add ${(share * 100).toFixed(1)} % (target ≤ ${TARGET_SHARE * 100} %): ${share <= TARGET_SHARE ? "met" : "NOT MET"}`,
        `1,000,000 arrivals, whole \`nfvtwin run\` processes (one worker), median of ${reps} interleaved runs`,
      ],
    };
  },
};

const mkdirFor = (dir: string): void => void mkdirSync(dir, { recursive: true });
