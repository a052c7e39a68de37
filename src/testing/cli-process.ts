/**
 * The command line from sources (through tsx) in a child process, run as a user runs it: for tests of
 * exit codes, messages on stderr and what is (not) written.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { env, execPath } from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the folder of package.json). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A file of the repository (a shipped model or scenario) as text. */
export const shippedText = (path: string): string => readFileSync(join(REPO_ROOT, path), "utf8");

/** `nfvtwin ARGS` in `cwd`, without colours, with `extraEnv` added to the environment; stdout and stderr as text. */
export function runCliProcess(args: readonly string[], cwd: string, extraEnv: Readonly<Record<string, string>> = {}): SpawnSyncReturns<string> {
  const tsx = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  return spawnSync(execPath, ["--import", tsx, join(REPO_ROOT, "src/cli/main.ts"), ...args], { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1", ...extraEnv } });
}

/**
 * The bad-input contract at the command line: writes `files` (path in a fresh folder → text), runs
 * `nfvtwin run SCENARIO --out out` there, and returns its stderr lines once it has exited 2 with no
 * stack trace and nothing written. Throws, with what was printed, when any of that does not hold.
 */
export function refusedRunLines(files: Readonly<Record<string, string>>, scenario: string): string[] {
  const work = mkdtempSync(join(tmpdir(), "nfvtwin-refused-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    }
    const r = runCliProcess(["run", scenario, "--out", "out"], work);
    const printed = `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
    if (r.status !== 2) throw new Error(`nfvtwin run ${scenario} exited ${String(r.status)}, not 2\n${printed}`);
    if (/\bat .*\.[jt]s:\d+/.test(r.stderr)) throw new Error(`nfvtwin run ${scenario} printed a stack trace\n${printed}`);
    if (existsSync(join(work, "out"))) throw new Error(`nfvtwin run ${scenario} wrote to its output folder on bad input`);
    return r.stderr.trim().split("\n");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
