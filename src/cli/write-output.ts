/**
 * Writes a report folder P/N (P the output folder, N the scenario name) so that no report is ever
 * half-written under its name, no report is lost to a crash, and nothing nfvtwin did not write is
 * deleted. Names: H = the first 8 hex digits of SHA-256(N), so temporary names stay short whatever N
 * is; T = P/.nfvtwin-tmp-H-PID (the new report being written), O = P/.nfvtwin-old-H-PID (the previous
 * report moved aside). Every folder nfvtwin writes holds nfvtwin-report.json (report-manifest.ts).
 *
 * The steps (each named; NFVTWIN_TEST_CRASH_AT=<step> kills the process with SIGKILL right after it):
 *   0. recover leftovers in P (below); refuse N unless it is absent, an empty folder, or nfvtwin's
 *   1. mkdir T                                            "tmp-created"
 *   2. write T/nfvtwin-report.json FIRST, so T is provably ours from here on   "manifest-written"
 *   3. write the files into T                             "first-file-written", "tmp-complete"
 *   4. if N exists: rename N -> O                         "old-moved"
 *   5. rename T -> N                                      "new-in-place"
 *   6. remove O: listed files first, the manifest last    "old-partly-removed", "done"
 *
 * The guarantee. At every instant N holds either the complete previous content (absent, an empty
 * folder, or the previous report) or the complete new report, except between steps 4 and 5, when N is
 * absent and the complete previous report sits in O (an empty folder moved aside is removed by the
 * recovery, not put back: it held nothing). A process killed at any point leaves at most T
 * and O; the next run that writes into P (any scenario) first recovers every leftover whose process is
 * no longer alive: an O whose manifest names an absent N and whose files are all there (sizes match) is
 * renamed back to N (so a kill between 4 and 5 yields the previous report again); every other O and
 * every T that is empty or provably ours (its manifest decodes and it holds nothing but listed files,
 * possibly fewer, possibly partial) is removed, in the same manifest-last order, so an interrupted
 * removal stays provable. A leftover that is not provably ours (a kill inside the single write of the
 * manifest in step 2, or anything a user put there) is left alone and reported on stderr. Leftovers of
 * a live process are skipped: two runs writing the same N at the same time are not supported.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { inspectFolder, MANIFEST_FILE, manifestText, replaceProblem, type Manifest } from "./report-manifest.js";
import { processErr } from "./terminal.js";

export const WRITE_STEPS = ["tmp-created", "manifest-written", "first-file-written", "tmp-complete", "old-moved", "new-in-place", "old-partly-removed", "done"] as const;
export const RECOVERY_STEPS = ["leftover-restored", "leftover-partly-removed"] as const;
export type WriteStep = (typeof WRITE_STEPS)[number] | (typeof RECOVERY_STEPS)[number];

/** Thrown by a test's step hook: leaves everything as a kill would (no clean-up runs). */
export class SimulatedCrash extends Error {}

export interface WriteHooks {
  /** Called after each step (default: kill the process at the step named by NFVTWIN_TEST_CRASH_AT). */
  readonly step?: (step: WriteStep) => void;
  /** Where recovery notes go (default: stderr). */
  readonly note?: (line: string) => void;
}

const crashAt = process.env["NFVTWIN_TEST_CRASH_AT"];
const defaultStep = (step: WriteStep): void => {
  if (step === crashAt) process.kill(process.pid, "SIGKILL");
};
const defaultNote = (line: string): void => processErr(`${line}\n`);

/** H: 8 hex digits of SHA-256(name), so that temporary names stay short whatever the name's length. */
const shortHash = (name: string): string => createHash("sha256").update(name).digest("hex").slice(0, 8);

/** The short hidden name of N's temporary (`tmp`) or moved-aside (`old`) folder for process `pid`. */
export const tempName = (kind: "tmp" | "old", name: string, pid: number = process.pid): string => `.nfvtwin-${kind}-${shortHash(name)}-${pid}`;

const TEMP_NAME = /^\.nfvtwin-(tmp|old)-([0-9a-f]{8})-(\d+)$/;

/** Replaces `dir` with a folder holding exactly `files` (relative path → bytes) and their manifest; see the module comment. */
export function writeOutputDir(dir: string, files: ReadonlyMap<string, string | Uint8Array>, hooks: WriteHooks = {}): void {
  const step = hooks.step ?? defaultStep;
  const parent = dirname(dir);
  const name = basename(dir);
  mkdirSync(parent, { recursive: true });
  recoverLeftovers(parent, hooks);
  const before = inspectFolder(dir);
  // Checked before the run too (output-guard.ts); checked again in case the folder changed meanwhile.
  const problem = replaceProblem(before, name);
  if (problem !== undefined) throw new Error(`refusing to write ${dir}: ${problem}`);
  const tmp = join(parent, tempName("tmp", name));
  const old = join(parent, tempName("old", name));
  if (existsSync(tmp) || existsSync(old)) throw new Error(`refusing to write ${dir}: ${existsSync(tmp) ? tmp : old} is in the way and not provably nfvtwin's`);
  const manifest = manifestText(name, files);
  writeTemporary(tmp, manifest, files, step);
  try {
    if (before.kind !== "absent") {
      renameSync(dir, old);
      step("old-moved");
    }
    try {
      renameSync(tmp, dir);
    } catch (e) {
      if (before.kind !== "absent") renameSync(old, dir); // put the previous report back
      throw e;
    }
    step("new-in-place");
  } catch (e) {
    if (!(e instanceof SimulatedCrash)) removeOurs(tmp, files.keys(), () => undefined);
    throw e;
  }
  try {
    if (before.kind === "report") removeOurs(old, before.manifest.files.map((f) => f.path), () => step("old-partly-removed"));
    else if (before.kind === "empty") rmdirSync(old);
  } catch (e) {
    // The new report is in place; the next run retries the removal.
    if (e instanceof SimulatedCrash) throw e;
    (hooks.note ?? defaultNote)(`nfvtwin: warning: could not remove ${old} (${e instanceof Error ? e.message : String(e)}); the next run will`);
  }
  step("done");
}

/** Steps 1-3: T with the manifest first, then every file; on a real error T is taken away again. */
function writeTemporary(tmp: string, manifest: string, files: ReadonlyMap<string, string | Uint8Array>, step: (s: WriteStep) => void): void {
  mkdirSync(tmp);
  try {
    step("tmp-created");
    writeFileSync(join(tmp, MANIFEST_FILE), manifest);
    step("manifest-written");
    let first = true;
    for (const path of [...files.keys()].sort()) {
      const target = join(tmp, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, files.get(path)!);
      if (first) step("first-file-written");
      first = false;
    }
    step("tmp-complete");
  } catch (e) {
    if (!(e instanceof SimulatedCrash)) removeOurs(tmp, files.keys(), () => undefined);
    throw e;
  }
}

/**
 * Removes a folder of ours: the listed files (any missing is fine), their now-empty folders deepest
 * first, the manifest, the folder. Until the manifest goes the folder stays provably ours; after it,
 * it is empty. `afterFirst` runs once, after the first file removed (a crash point for tests).
 */
function removeOurs(dir: string, paths: Iterable<string>, afterFirst: () => void): void {
  const listed = [...paths].sort().reverse();
  const folders = new Set<string>();
  let first = true;
  for (const path of listed) {
    unlinkIfPresent(join(dir, path));
    for (let d = dirname(path); d !== "."; d = dirname(d)) folders.add(d);
    if (first) afterFirst();
    first = false;
  }
  // Deepest first: a folder's path is longer than its parent's.
  for (const folder of [...folders].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    if (existsSync(join(dir, folder))) rmdirSync(join(dir, folder));
  }
  unlinkIfPresent(join(dir, MANIFEST_FILE));
  rmdirSync(dir);
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
}

/** Whether process `pid` still runs (a leftover of a live run is not touched). */
function alive(pid: number): boolean {
  if (pid === process.pid) return false; // this process has not started writing into P yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Paths already warned about in this process (each unprovable leftover is reported once, not per scenario). */
const warned = new Set<string>();

/** Recovers the leftovers of interrupted runs in `parent`: moved-aside reports first (restored or removed), then temporaries. */
export function recoverLeftovers(parent: string, hooks: WriteHooks = {}): void {
  const step = hooks.step ?? defaultStep;
  const note = hooks.note ?? defaultNote;
  const leftovers = readdirSync(parent)
    .flatMap((entry) => {
      const m = TEMP_NAME.exec(entry);
      return m === null || alive(Number(m[3])) ? [] : [{ entry, old: m[1] === "old", hash: m[2]! }];
    })
    .sort((a, b) => (a.old === b.old ? (a.entry < b.entry ? -1 : 1) : a.old ? -1 : 1));
  for (const { entry, old, hash } of leftovers) {
    const path = join(parent, entry);
    try {
      const state = inspectFolder(path);
      if (state.kind === "empty") rmdirSync(path);
      else if (state.kind === "report" && shortHash(state.manifest.name) === hash) recoverOne(parent, path, old, state.manifest, state.missing.length + state.changed.length === 0, step, note);
      else if (state.kind !== "absent" && !warned.has(path)) {
        warned.add(path);
        note(`nfvtwin: warning: left ${path} alone: ${state.kind === "foreign" ? state.why : "its manifest names another folder"}; remove it if it is not needed`);
      }
    } catch (e) {
      if (e instanceof SimulatedCrash) throw e;
      note(`nfvtwin: warning: could not recover ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** One leftover of ours: a complete moved-aside report whose name is free goes back; anything else is removed. */
function recoverOne(parent: string, path: string, old: boolean, manifest: Manifest, complete: boolean, step: (s: WriteStep) => void, note: (line: string) => void): void {
  const target = join(parent, manifest.name);
  if (old && complete && inspectFolder(target).kind === "absent") {
    renameSync(path, target);
    note(`nfvtwin: restored ${target}, which an interrupted run had moved aside`);
    step("leftover-restored");
    return;
  }
  removeOurs(path, manifest.files.map((f) => f.path), () => step("leftover-partly-removed"));
  note(`nfvtwin: removed ${path}, left behind by an interrupted run`);
}

/** Writes one file through a temporary name and a rename. */
export function writeFileAtomic(path: string, bytes: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.nfvtwin-tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
