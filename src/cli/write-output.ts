/**
 * Writes a run's output files so that a reader never sees a partial report: everything goes into a
 * temporary folder beside the target, which then replaces the target folder in one rename.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Replaces `dir` with a folder holding exactly `files` (name → bytes), atomically per folder. */
export function writeOutputDir(dir: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const base = dir.slice(parent.length + 1);
  const tmp = join(parent, `.nfvtwin-tmp-${base}-${process.pid}`);
  const old = join(parent, `.nfvtwin-old-${base}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    for (const name of [...files.keys()].sort()) {
      const target = join(tmp, name);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, files.get(name)!);
    }
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(dir, old);
    } catch {
      // no previous output: nothing to move away
    }
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Writes one file through a temporary name and a rename. */
export function writeFileAtomic(path: string, bytes: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.nfvtwin-tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
