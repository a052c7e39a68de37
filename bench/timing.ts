/** Whole-process timing: wall time of a command from spawn to exit, and its peak memory and CPU time where /usr/bin/time exists. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface ProcessTiming {
  readonly wallSeconds: number;
  /** Peak resident memory in MiB, when measurable. */
  readonly maxRssMib: number | undefined;
  /** User + system CPU seconds of the process and its threads, when measurable. */
  readonly cpuSeconds: number | undefined;
  readonly stdout: string;
}

const GNU_TIME = "/usr/bin/time";

/** Runs `command args` to completion; throws with stderr when it exits with a status not in `okStatuses`. */
export function timeProcess(command: string, args: ReadonlyArray<string>, cwd: string, okStatuses: ReadonlyArray<number> = [0]): ProcessTiming {
  const rssFile = path.join(os.tmpdir(), `nfvtwin-bench-rss-${process.pid}`);
  const withTime = existsSync(GNU_TIME);
  const [cmd, argv] = withTime ? [GNU_TIME, ["-f", "%U %S %M", "-o", rssFile, command, ...args]] : [command, [...args]];
  const started = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status === null || !okStatuses.includes(result.status)) throw new Error(`${command} ${args.join(" ")} exited with ${String(result.status)}: ${result.stderr.trim().slice(0, 500)}`);
  let maxRssMib: number | undefined;
  let cpuSeconds: number | undefined;
  if (withTime && existsSync(rssFile)) {
    const [user, system, kb] = (readFileSync(rssFile, "utf8").trim().split("\n").at(-1) ?? "").split(" ").map(Number);
    maxRssMib = Number.isFinite(kb) ? kb! / 1024 : undefined;
    cpuSeconds = Number.isFinite(user) && Number.isFinite(system) ? user! + system! : undefined;
    rmSync(rssFile, { force: true });
  }
  return { wallSeconds, maxRssMib, cpuSeconds, stdout: result.stdout };
}
