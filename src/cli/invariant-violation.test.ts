/**
 * `run --check-invariants[=EVERY]` at the command's edge: a bad interval is a usage error (exit 2); a
 * checked run writes the same report bytes as an unchecked one (also through the real command line,
 * where the flag is parsed); a broken invariant exits 3 naming invariant, scenario, seed and event
 * number, writes the event log up to it for replay, and no report.
 */
import * as Cause from "effect/Cause";
import * as Effect from "effect/Effect";
import * as Exit from "effect/Exit";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { runCliProcess } from "../testing/cli-process.js";
import { TenantUsageBook, type ServerRecord } from "../vim/index.js";
import { CommandFailure } from "./exit-codes.js";
import { runHandler } from "./handlers.js";
import { runFailure, withInvariantChecks } from "./invariant-violation.js";
import { loadAll } from "./load-all.js";
import { RunInvariantViolation, runScenario } from "../scenario/index.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-invariants-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// A quota makes the run keep its usage book, which the broken run below corrupts.
writeFileSync(join(work, "model.yaml"), TINY_MODEL.replace("  - { id: t1 }", "  - { id: t1, quotas: { instances: 1000 } }"));
writeFileSync(join(work, "tiny.yaml"), TINY_SCENARIO);

async function run(out: string, checkInvariants: number | undefined): Promise<{ code: number; lines: readonly string[] }> {
  const exit = await Effect.runPromiseExit(runHandler({ scenarios: [join(work, "tiny.yaml")], out: join(work, out), seed: undefined, quiet: true, trace: false, replications: undefined, workers: 1, shard: undefined, checkInvariants }));
  if (Exit.isSuccess(exit)) return { code: 0, lines: [] };
  const failure = Cause.squash(exit.cause);
  if (failure instanceof CommandFailure) return { code: failure.exitCode, lines: failure.lines };
  throw failure;
}

/** Every file under `dir` but the manifest (relative path → bytes; the scenario's path as the command line in `work` names it). */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // The manifest lists each file's size and digest, which the path rewrite below changes.
    if (e.isFile() && e.name !== "nfvtwin-report.json") files.set(join(e.parentPath, e.name).slice(dir.length), readFileSync(join(e.parentPath, e.name), "utf8").split(join(work, "tiny.yaml")).join("tiny.yaml"));
  }
  return files;
}

describe("run --check-invariants", () => {
  it("refuses an interval that is not a positive whole number of events (exit 2)", async () => {
    const r = await run("bad", 0);
    expect(r).toEqual({ code: 2, lines: ["nfvtwin: --check-invariants takes a positive whole number of events, got 0"] });
    expect(existsSync(join(work, "bad"))).toBe(false);
  });

  it("writes the same report bytes checked (the command line parsing the flag) and unchecked", async () => {
    expect((await run("plain", undefined)).code).toBe(0);
    const plain = tree(join(work, "plain"));
    expect(plain.size).toBeGreaterThan(2);
    const cli = runCliProcess(["run", "tiny.yaml", "--check-invariants=13", "--out", "cli", "--quiet", "--workers", "1"], work);
    expect(cli.stderr).toBe("");
    expect(cli.status).toBe(0);
    expect(tree(join(work, "cli"))).toEqual(plain);
  });

  it("exits 3 naming invariant, scenario, seed and event number, and writes the log up to that event", async () => {
    const recharge = TenantUsageBook.prototype.recharge;
    const spy = vi.spyOn(TenantUsageBook.prototype, "recharge").mockImplementation(function (this: TenantUsageBook, s: ServerRecord) {
      if (s.no !== 5) recharge.call(this, s);
    });
    // Runs go to worker threads, where a spy does not reach: the broken run is made here, in this
    // thread, and handed to the command's mapping of run failures as the pool hands it.
    const specs = loadAll([join(work, "tiny.yaml")], undefined);
    if (specs instanceof CommandFailure) throw new Error(specs.lines.join("\n"));
    const spec = specs[0]!;
    let failure: unknown;
    try {
      runScenario(withInvariantChecks(spec, 10));
    } catch (e) {
      failure = e;
    } finally {
      spy.mockRestore();
    }
    expect(failure).toBeInstanceOf(RunInvariantViolation);
    const mapped = runFailure(failure, spec, join(work, "broken"));
    const r = { code: mapped.exitCode, lines: mapped.lines };
    expect(r.code).toBe(3);
    const m = /^nfvtwin: invariant INV-B3 broken in scenario tiny-run \(seed 9\) at event (\d+): tenant t1: /.exec(r.lines[0] ?? "");
    expect(m, r.lines.join("\n")).not.toBeNull();
    const eventNumber = Number(m![1]);
    expect(eventNumber % 10).toBe(0);
    const dir = join(work, "broken", "tiny-run.invariant-violation");
    expect(r.lines[1]).toBe(`nfvtwin: the event log up to event ${eventNumber} is in ${join(dir, "events.jsonl")}; rerun with --seed 9 to replay it`);
    expect(JSON.parse(readFileSync(join(dir, "violation.json"), "utf8"))).toMatchObject({ invariant: "INV-B3", scenario: "tiny-run", seed: 9, eventNumber });
    // The log the unchecked run writes with --trace, cut where the violation was found.
    const full = readFileSync(join(work, "plain", "tiny-run", "events.jsonl"), "utf8");
    const cutLog = readFileSync(join(dir, "events.jsonl"), "utf8");
    expect(cutLog.length).toBeGreaterThan(0);
    expect(full.startsWith(cutLog)).toBe(true);
    expect(existsSync(join(work, "broken", "tiny-run"))).toBe(false);
  });
});
