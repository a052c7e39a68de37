// A TypeScript user of the library, type-checked by package.test.ts (tsc, module NodeNext, strict)
// in a scratch project where nfvtwin is installed from its packed tarball. Each @ts-expect-error
// fails the check if the types it relies on came out as `any`.
import { formatInputIssue, loadScenario, loadScenarioText, runScenario, Vim, type InputIssue, type LoadResult, type Result, type RunResult, type RunSpec, type RunSummary } from "nfvtwin";
import { Simulation } from "nfvtwin/kernel";
import { resolvePolicy } from "nfvtwin/placement";
import { runMarkdown, stableJson } from "nfvtwin/report";
import type { VimConfig } from "nfvtwin/vim";

const loaded: LoadResult<RunSpec> = loadScenario("scenario.yaml", { seed: 7 });
export const issues: InputIssue[] = loaded.ok ? [] : loaded.issues;
export const lines: string[] = issues.map(formatInputIssue);

if (loaded.ok) {
  const result: RunResult = runScenario(loaded.value);
  const summary: RunSummary = result.summary;
  const rejectionRate: number = summary.requests.rejectionRate;
  const files: string[] = [stableJson(summary), runMarkdown(result), String(rejectionRate)];
  files.push(
    // @ts-expect-error a summary has no such field
    summary.noSuchField,
  );
}

// @ts-expect-error the text variant needs the scenario's file name
loadScenarioText("kind: Scenario\n", {});

// @ts-expect-error a seed is a number
loadScenario("scenario.yaml", { seed: "9" });

const sim: Simulation = new Simulation();
export const now: number = sim.nowMs;
export const policy = resolvePolicy("spread");
export const makeVim = (config: VimConfig): Vim => new Vim(config);
export const seeded = (vim: Vim): Result<void> => vim.seedTenant({ id: "t1", users: [{ id: "alice", roles: ["member"] }] });
