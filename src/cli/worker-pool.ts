/**
 * Runs independent single runs on a pool of worker threads: every simulation of `run` and `explain`
 * runs here, even a single one, because only a worker's heap can be limited and its exhaustion caught
 * (heap-limit.ts). Results come back in completion order but are stored by plan index, so the caller
 * folds them in plan order: the bytes written never depend on the worker count or on timing.
 */
import { availableParallelism } from "node:os";
import { Worker, type WorkerOptions } from "node:worker_threads";
import { RunInvariantViolation, type RunResult, type RunSpec } from "../scenario/index.js";
import { isWorkerOutOfMemory, RunOutOfMemory } from "./heap-limit.js";
import type { ProgressSink } from "./progress.js";
import type { RunReply, RunRequest } from "./run-worker.js";

/** The default worker count: every core. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/**
 * A worker running the script `name` (run-worker, report-worker) beside this file. Built (.js): the
 * script itself. From sources under tsx (tests): a worker thread does not inherit the parent's loader
 * hooks, so a small bootstrap registers tsx in the worker first, then imports the .ts script.
 */
export function startWorkerScript(name: string, options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(new URL(`./${name}.js`, import.meta.url), options);
  const script = new URL(`./${name}.ts`, import.meta.url).href;
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

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

/**
 * Threads that finished their runs cleanly wait here (unref'd, so they keep no process alive) for the
 * next pool with the same heap limit: a command that runs many scenarios, and the test suite, start a
 * simulation thread (and load the simulator into it) once rather than per scenario. A thread that
 * failed is never kept; a run keeps no state in its thread between runs (runs with 1 and 4 threads
 * write the same bytes).
 */
const idleThreads = new Map<number, Worker[]>();

function takeThread(heapLimitMb: number): Worker {
  const idle = idleThreads.get(heapLimitMb)?.pop();
  if (idle !== undefined) {
    idle.removeAllListeners("error");
    idle.ref();
    return idle;
  }
  const w = startWorkerScript("run-worker", { resourceLimits: { maxOldGenerationSizeMb: heapLimitMb } });
  w.on("exit", () => {
    const list = idleThreads.get(heapLimitMb);
    const k = list?.indexOf(w) ?? -1;
    if (k >= 0) list!.splice(k, 1);
  });
  return w;
}

function returnThread(heapLimitMb: number, w: Worker): void {
  w.removeAllListeners("message");
  w.removeAllListeners("error");
  // A thread that fails while idle only leaves the pool (its exit listener); it must not throw here.
  w.on("error", () => void w.terminate());
  w.unref();
  const list = idleThreads.get(heapLimitMb) ?? [];
  list.push(w);
  idleThreads.set(heapLimitMb, list);
}

/**
 * Starts one simulation thread now, idle, unless one with this heap limit is already waiting: a
 * command that will simulate calls this before it reads its files, so that the thread's start-up
 * (a V8 isolate, Node's bootstrap and the simulator's modules, about 0.15 s of the whole-process
 * `run erlang-loss.yaml` in bench/README.md, "Costs ...") overlaps the loading instead of following it.
 * The thread keeps no process alive while it waits.
 */
export function prestartThread(heapLimitMb: number): void {
  if ((idleThreads.get(heapLimitMb)?.length ?? 0) > 0) return;
  returnThread(heapLimitMb, takeThread(heapLimitMb));
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
