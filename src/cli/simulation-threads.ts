/**
 * Starting worker threads, and the simulation threads that wait idle between pools (worker-pool.ts).
 * Kept apart from the pool so that the command line's entry can start the first simulation thread
 * before it loads anything else (main.ts): this module imports nothing of the simulator.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";

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

/**
 * Threads that finished their runs cleanly wait here (unref'd, so they keep no process alive) for the
 * next pool with the same heap limit: a command that runs many scenarios, and the test suite, start a
 * simulation thread (and load the simulator into it) once rather than per scenario. A thread that
 * failed is never kept; a run keeps no state in its thread between runs (runs with 1 and 4 threads
 * write the same bytes).
 */
const idleThreads = new Map<number, Worker[]>();

/** An idle simulation thread with this heap limit, or a new one (referenced: it keeps the process alive). */
export function takeThread(heapLimitMb: number): Worker {
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

/** Puts a thread that finished its runs cleanly back, idle and unreferenced, without its pool's listeners. */
export function returnThread(heapLimitMb: number, w: Worker): void {
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
