/**
 * The command line from sources (through tsx) in a child process, run as a user runs it: for tests of
 * exit codes, messages on stderr and what is (not) written.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { env, execPath } from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root (the folder of package.json). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `nfvtwin ARGS` in `cwd`, without colours; stdout and stderr as text. */
export function runCliProcess(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const tsx = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  return spawnSync(execPath, ["--import", tsx, join(REPO_ROOT, "src/cli/main.ts"), ...args], { cwd, encoding: "utf8", env: { ...env, NO_COLOR: "1" } });
}
