/**
 * The output checks made before anything runs: a command that would replace a folder nfvtwin did not
 * write, or that could not write its output at all (--out is a file, a read-only folder, a name the
 * file system refuses), stops with exit 2 at once, instead of losing user files or failing with exit 3
 * after minutes of simulation. Nothing is left behind by a refused command: the write probe creates
 * and removes its folders again.
 */
import { mkdirSync, readFileSync, rmdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CommandFailure, EXIT_INVALID_INPUT } from "./exit-codes.js";
import { inspectFolder, lstatOrUndefined, replaceProblem } from "./report-manifest.js";
import { tempName } from "./write-output.js";

const REASONS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENAMETOOLONG: "the name is too long for the file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ELOOP: "too many symbolic links",
};

/** The first existing path at or above `path` that is not a folder, if any (what ENOTDIR/EEXIST meant). */
function fileInTheWay(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    try {
      return statSync(p).isDirectory() ? undefined : p;
    } catch {
      if (dirname(p) === p) return undefined;
    }
  }
}

/** A file-system error as a short reason with its code. */
function reasonOf(e: unknown, dir: string): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOTDIR" || err.code === "EEXIST") {
    const file = fileInTheWay(dirname(dir));
    if (file !== undefined) return `${file} is a file, not a folder`;
  }
  const reason = (err.code !== undefined && REASONS[err.code]) || err.message;
  return `${reason} (${err.code ?? "error"}${err.path !== undefined ? ` on ${err.path}` : ""})`;
}

/** Creates, as writing will, the missing folders above `dir`, a temporary folder beside it and `dir` itself when absent; then removes them all. */
function probeWrite(dir: string, absent: boolean): void {
  const parent = dirname(dir);
  const created: string[] = [];
  const first = mkdirSync(parent, { recursive: true });
  // From `parent` up to the first folder mkdir created (absolute paths: a relative one ends at ".").
  if (first !== undefined) for (let p = resolve(parent); p !== dirname(p); p = dirname(p)) {
    created.push(p);
    if (p === resolve(first)) break;
  }
  try {
    const tmp = join(parent, tempName("tmp", basename(dir)));
    mkdirSync(tmp);
    rmdirSync(tmp);
    if (absent) {
      mkdirSync(dir);
      rmdirSync(dir);
    }
  } finally {
    for (const p of created) rmdirSync(p);
  }
}

/** Why report folder `dir` cannot be written, or undefined when it can (absent, empty, or nfvtwin's own). */
export function reportFolderProblem(dir: string, flag: string): string | undefined {
  try {
    const state = inspectFolder(dir);
    const problem = replaceProblem(state, basename(dir));
    if (problem !== undefined) return `nfvtwin: refusing to write ${dir}: ${problem}; choose another ${flag} or remove it`;
    probeWrite(dir, state.kind === "absent");
    return undefined;
  } catch (e) {
    return `nfvtwin: cannot write ${dir}: ${reasonOf(e, dir)}; choose another ${flag}`;
  }
}

/** Exit 2 naming every report folder that cannot be written (undefined when all can): called before anything runs. */
export function refuseUnwritableReports(dirs: ReadonlyArray<string>, flag: string): CommandFailure | undefined {
  const problems = dirs.flatMap((dir) => reportFolderProblem(dir, flag) ?? []);
  return problems.length > 0 ? new CommandFailure(EXIT_INVALID_INPUT, problems) : undefined;
}

/** The `title` of a JSON Schema document's text, if it is one (an object with a `$schema` string). */
function schemaTitle(text: string): unknown {
  try {
    const doc = JSON.parse(text) as { title?: unknown; $schema?: unknown } | null;
    return doc !== null && typeof doc === "object" && typeof doc.$schema === "string" ? doc.title : undefined;
  } catch {
    return undefined;
  }
}

/** Exit 2 when a schema file would replace anything but an earlier version of itself (same title), or cannot be written. */
export function refuseSchemaTargets(files: ReadonlyArray<{ path: string; text: string }>): CommandFailure | undefined {
  const problems: string[] = [];
  for (const { path, text } of files) {
    try {
      const stat = lstatOrUndefined(path);
      const title = schemaTitle(text);
      if (stat !== undefined && !(stat.isFile() && title !== undefined && schemaTitle(readFileSync(path, "utf8")) === title)) {
        problems.push(`nfvtwin: refusing to write ${path}: it exists and is not a schema nfvtwin wrote (${String(title)}); choose another --out or remove it`);
        continue;
      }
      probeWrite(path, false);
    } catch (e) {
      problems.push(`nfvtwin: cannot write ${path}: ${reasonOf(e, path)}; choose another --out`);
    }
  }
  return problems.length > 0 ? new CommandFailure(EXIT_INVALID_INPUT, problems) : undefined;
}
