/**
 * The report-folder protocol in this process: a crash injected (as a thrown SimulatedCrash, which
 * skips every clean-up as a kill would) after each step, with and without a previous report, then the
 * next run's recovery: the name holds a complete old or new report, and no hidden folder is left.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeManifest, inspectFolder, MANIFEST_FILE } from "./report-manifest.js";
import { recoverLeftovers, RECOVERY_STEPS, SimulatedCrash, tempName, WRITE_STEPS, writeOutputDir, type WriteStep } from "./write-output.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-write-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const OLD = new Map([["summary.json", "old summary\n"], ["rep-01/events.jsonl", "old events\n"], ["rep-01/deep/x.csv", "a,b\n"]]);
const NEW = new Map([["summary.json", "new summary, longer\n"], ["report.md", "# new\n"], ["rep-02/events.jsonl", "new events\n"]]);

/** Every file below `dir`: relative path → text. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path);
      else out.set(path, readFileSync(join(dir, path), "utf8"));
    }
  };
  walk("");
  return out;
}

/** The report's files without its manifest, after checking the manifest lists exactly them. */
function reportFiles(dir: string): Map<string, string> {
  const files = tree(dir);
  const manifest = decodeManifest(files.get(MANIFEST_FILE) ?? "");
  expect(manifest?.files.map((f) => f.path)).toEqual([...files.keys()].filter((p) => p !== MANIFEST_FILE).sort());
  files.delete(MANIFEST_FILE);
  return files;
}

const crashAt = (target: WriteStep) => (step: WriteStep) => {
  if (step === target) throw new SimulatedCrash(step);
};
const hidden = (parent: string) => readdirSync(parent).filter((n) => n.startsWith("."));
let case_ = 0;
const fresh = () => {
  const parent = join(work, `case-${case_++}`);
  mkdirSync(parent);
  return parent;
};

describe("writeOutputDir", () => {
  it("writes the files and a manifest listing them; replaces its own folder; leaves nothing hidden", () => {
    const parent = fresh();
    const dir = join(parent, "etc");
    writeOutputDir(dir, OLD);
    expect(reportFiles(dir)).toEqual(OLD);
    writeOutputDir(dir, NEW);
    expect(reportFiles(dir)).toEqual(NEW);
    expect(hidden(parent)).toEqual([]);
  });

  it("uses an empty folder, and refuses a folder or file it did not write, deleting nothing", () => {
    const parent = fresh();
    mkdirSync(join(parent, "empty"));
    writeOutputDir(join(parent, "empty"), NEW);
    expect(reportFiles(join(parent, "empty"))).toEqual(NEW);
    mkdirSync(join(parent, "etc"));
    writeFileSync(join(parent, "etc/passwd"), "root:x:0:0\n");
    expect(() => writeOutputDir(join(parent, "etc"), NEW)).toThrow("refusing to write");
    writeFileSync(join(parent, "file"), "mine\n");
    expect(() => writeOutputDir(join(parent, "file"), NEW)).toThrow("it is a file");
    writeFileSync(join(parent, "empty/notes.txt"), "mine\n");
    expect(() => writeOutputDir(join(parent, "empty"), OLD)).toThrow("also holds notes.txt");
    expect(readFileSync(join(parent, "etc/passwd"), "utf8")).toBe("root:x:0:0\n");
    expect(readFileSync(join(parent, "file"), "utf8")).toBe("mine\n");
    expect(readFileSync(join(parent, "empty/notes.txt"), "utf8")).toBe("mine\n");
    expect(hidden(parent)).toEqual([]);
  });

  it("keeps temporary names short whatever the scenario name", () => {
    const name = `s${"x".repeat(249)}`;
    expect(tempName("old", name, 4194304)).toMatch(/^\.nfvtwin-old-[0-9a-f]{8}-4194304$/);
    const parent = fresh();
    writeOutputDir(join(parent, name), NEW);
    writeOutputDir(join(parent, name), OLD);
    expect(reportFiles(join(parent, name))).toEqual(OLD);
  });

  for (const previous of [OLD, undefined]) {
    // Without a previous report nothing is moved aside or removed: those steps do not happen.
    for (const step of WRITE_STEPS.filter((s) => previous !== undefined || !s.startsWith("old-"))) {
      it(`a crash after "${step}" ${previous ? "over a report" : "into a new folder"}: old or new under the name, recovered by the next run`, () => {
        const parent = fresh();
        const dir = join(parent, "r");
        if (previous) writeOutputDir(dir, previous);
        expect(() => writeOutputDir(dir, NEW, { step: crashAt(step) })).toThrow(SimulatedCrash);
        const now = inspectFolder(dir);
        if (now.kind !== "absent") expect([previous, NEW]).toContainEqual(reportFiles(dir));
        else expect(step === "old-moved" || previous === undefined).toBe(true);
        const notes: string[] = [];
        recoverLeftovers(parent, { note: (l) => notes.push(l) });
        expect(hidden(parent)).toEqual([]);
        expect(notes.filter((n) => n.includes("warning"))).toEqual([]);
        const recovered = inspectFolder(dir).kind === "absent" ? undefined : reportFiles(dir);
        // Before the swap the previous state is back; from the swap on, the new report stays.
        const swapped = WRITE_STEPS.indexOf(step) >= WRITE_STEPS.indexOf("new-in-place");
        expect(recovered).toEqual(swapped ? NEW : previous);
        writeOutputDir(dir, NEW);
        expect(reportFiles(dir)).toEqual(NEW);
      });
    }
  }

  for (const step of RECOVERY_STEPS) {
    it(`a crash in recovery after "${step}" is recovered by the run after`, () => {
      const parent = fresh();
      const dir = join(parent, "r");
      writeOutputDir(dir, OLD);
      const leaveBehind: WriteStep = step === "leftover-restored" ? "old-moved" : "new-in-place";
      expect(() => writeOutputDir(dir, NEW, { step: crashAt(leaveBehind) })).toThrow(SimulatedCrash);
      expect(() => recoverLeftovers(parent, { step: crashAt(step), note: () => undefined })).toThrow(SimulatedCrash);
      recoverLeftovers(parent, { note: () => undefined });
      expect(hidden(parent)).toEqual([]);
      expect(reportFiles(dir)).toEqual(leaveBehind === "old-moved" ? OLD : NEW);
    });
  }

  it("leaves alone, and reports, a leftover it cannot prove its own, and one of a live process", () => {
    const parent = fresh();
    writeOutputDir(join(parent, "r"), OLD);
    // 4194305 is above Linux's largest pid_max: no process has it.
    const foreign = join(parent, ".nfvtwin-tmp-0123abcd-4194305");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "mine.txt"), "user data\n");
    // A live run's moved-aside report (this test's parent process stands in for it) must not be touched.
    const live = join(parent, tempName("old", "r", process.ppid));
    mkdirSync(live);
    writeFileSync(join(live, MANIFEST_FILE), readFileSync(join(parent, "r", MANIFEST_FILE)));
    const notes: string[] = [];
    writeOutputDir(join(parent, "x"), OLD, { note: (l) => notes.push(l) });
    recoverLeftovers(parent, { note: (l) => notes.push(l) });
    expect(notes).toEqual([`nfvtwin: warning: left ${foreign} alone: it exists and is not an nfvtwin report folder (holds mine.txt); remove it if it is not needed`]);
    expect(existsSync(join(foreign, "mine.txt"))).toBe(true);
    expect(existsSync(live)).toBe(true);
  });
});
