/**
 * Spawning benchmark programs that print one JSON line (the anchors' contract), and finding the
 * reference programs. Runs are synchronous and one at a time, so they never compete with each other
 * for the machine's cores.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

export interface JsonRun {
  readonly wallSeconds: number;
  readonly events?: number;
  readonly [key: string]: unknown;
}

/** Runs `command args`, returns the last stdout line parsed as JSON; throws with stderr on failure. */
export function runJsonLine(command: string, args: ReadonlyArray<string>, cwd?: string): JsonRun {
  const result = spawnSync(command, args, { encoding: "utf8", cwd, maxBuffer: 16 * 1024 * 1024 });
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${String(result.status)}: ${result.stderr.trim()}`);
  }
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  const parsed = JSON.parse(last) as JsonRun;
  if (typeof parsed.wallSeconds !== "number") throw new Error(`no wallSeconds in output of ${command}: ${last}`);
  return parsed;
}

/** Arguments that run a sibling bench script with node, through tsx when running from sources. */
export function nodeScriptArgs(benchDir: string, baseName: string, extension: ".js" | ".ts"): string[] {
  const file = path.join(benchDir, `${baseName}${extension}`);
  return extension === ".ts" ? ["--import", "tsx", file] : [file];
}

/** Whether `/usr/bin/python3` can import simpy (Debian's python3-simpy3). */
export function simpyAvailable(python: string): boolean {
  if (!existsSync(python)) return false;
  const probe = spawnSync(python, ["-c", "import simpy"], { encoding: "utf8" });
  return probe.status === 0;
}
