/**
 * A real kill (SIGKILL, injected with NFVTWIN_TEST_CRASH_AT) at the two steps where a report is not
 * simply under its name: with the previous report moved aside, and with the new one in place but the
 * old one half removed. The next run restores or removes what each left, and the last leaves no hidden
 * folder. Every step is covered in this process by write-output.test.ts; this proves the kill hook and
 * the recovery by a separate process. (--out is a one-letter relative folder on purpose: the write
 * probe once looped on such a path.)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../testing/fixtures.js";
import { runCliProcess } from "../testing/cli-process.js";
import { decodeManifest, MANIFEST_FILE } from "./report-manifest.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-crash-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
writeFileSync(join(work, "model.yaml"), TINY_MODEL);
writeFileSync(join(work, "tiny.yaml"), TINY_SCENARIO.replace("horizon: 6h", "horizon: 1h").replace("trace: true", "trace: false"));

const run = (seed: number, crashAt?: string) => runCliProcess(["run", "tiny.yaml", "--out", "o", "--seed", String(seed), "--quiet"], work, crashAt === undefined ? {} : { NFVTWIN_TEST_CRASH_AT: crashAt });
const hidden = () => readdirSync(join(work, "o")).filter((n) => n.startsWith(".")).sort();
/** The seed of the complete report in `dir` (every file its manifest lists is there with its size). */
function seedOf(dir: string): number {
  const manifest = decodeManifest(readFileSync(join(dir, MANIFEST_FILE), "utf8"))!;
  for (const f of manifest.files) expect(readFileSync(join(dir, f.path)).length).toBe(f.bytes);
  return (JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as { scenario: { seed: number } }).scenario.seed;
}

describe("a run killed while replacing its report", () => {
  it("leaves the old or the new report, or one the next run restores; the run after leaves nothing hidden", () => {
    expect(run(1).status).toBe(0);
    const killed = run(2, "old-moved");
    expect(killed.signal).toBe("SIGKILL");
    expect(readdirSync(join(work, "o"))).toEqual(hidden());
    const old = hidden().find((n) => n.startsWith(".nfvtwin-old-"))!;
    expect(seedOf(join(work, "o", old))).toBe(1);

    const again = run(2, "old-partly-removed");
    expect(again.signal).toBe("SIGKILL");
    expect(again.stderr).toContain(`nfvtwin: restored o/tiny-run, which an interrupted run had moved aside`);
    expect(seedOf(join(work, "o/tiny-run"))).toBe(2);
    expect(hidden()).toHaveLength(1);

    const last = run(3);
    expect([last.status, last.stderr]).toEqual([0, expect.stringMatching(/^nfvtwin: removed o\/\.nfvtwin-old-[0-9a-f]{8}-\d+, left behind by an interrupted run\n$/)]);
    expect(seedOf(join(work, "o/tiny-run"))).toBe(3);
    expect(hidden()).toEqual([]);
  });
});
