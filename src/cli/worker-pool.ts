/**
 * Runs independent single runs on a pool of worker threads: every simulation of `run` and `explain`
 * runs here, even a single one, because only a worker's heap can be limited and its exhaustion caught
 * (heap-limit.ts). Results come back in completion order but are stored by plan index, so the caller
 * folds them in plan order: the bytes written never depend on the worker count or on timing.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import { RunInvariantViolation, type RunResult, type RunSpec } from "../scenario/index.js";
import { isWorkerOutOfMemory, RunOutOfMemory } from "./heap-limit.js";
import type { ProgressSink } from "./progress.js";
import type { RunReply, RunRequest } from "./run-worker.js";
import { returnThread, takeThread } from "./simulation-threads.js";

/** The default worker count: every core. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

export interface PoolOptions {
  /** The heap limit of each thread in MiB (its old generation); reaching it rejects with RunOutOfMemory. */
  readonly heapLimitMb: number;
  /** Another run finished; `done` counts all finished so far. */
  readonly onDone?: (done: number) => void;
  /** The running run advanced; asked of the threads only when there is one (one bar, one run at a time). */
  readonly onProgress?: ProgressSink["update"];
  /** Stops every run after this request (explain). */
  readonly stopAfterRequest?: number;
}

/** Runs `specs` on up to `workers` threads; resolves with the results in `specs` order. */
export function runInPool(specs: ReadonlyArray<RunSpec>, workers: number, options: PoolOptions): Promise<RunResult[]> {
  // A shard may hold no run at all: no thread then, as none would ever report back.
  if (specs.length === 0) return Promise.resolve([]);
  const results: Array<RunResult | undefined> = new Array(specs.length);
  const size = Math.max(1, Math.min(workers, specs.length));
  const progress = size === 1 ? options.onProgress : undefined;
  const running = new Map<Worker, number>();
  let next = 0;
  let done = 0;
  return new Promise((resolve, reject) => {
    const pool = Array.from({ length: size }, () => takeThread(options.heapLimitMb));
    let settled = false;
    const onExit = (code: number) => finish(new Error(`a simulation thread stopped (exit code ${code})`));
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const w of pool) w.off("exit", onExit);
      if (error !== undefined) {
        for (const w of pool) void w.terminate();
        reject(error);
      } else {
        for (const w of pool) returnThread(options.heapLimitMb, w);
        resolve(results as RunResult[]);
      }
    };
    const feed = (w: Worker) => {
      if (next >= specs.length) return;
      const index = next++;
      running.set(w, index);
      const request: RunRequest = { index, spec: specs[index]!, progress: progress !== undefined, stopAfterRequest: options.stopAfterRequest };
      w.postMessage(request);
    };
    for (const w of pool) {
      w.on("message", (m: RunReply) => {
        if (settled) return;
        if ("progress" in m) {
          progress?.(...m.progress);
          return;
        }
        if ("error" in m) {
          finish(m.violation === undefined ? new Error(m.error) : new RunInvariantViolation(m.violation));
          return;
        }
        results[m.index] = m.result;
        running.delete(w);
        done++; // not in onDone?.(++done): without onDone, an optional call evaluates no argument
        options.onDone?.(done);
        if (done === specs.length) finish();
        else feed(w);
      });
      w.on("error", (e) => finish(isWorkerOutOfMemory(e) ? new RunOutOfMemory(running.get(w) ?? 0, options.heapLimitMb) : e));
      w.on("exit", onExit);
      feed(w);
    }
  });
}
