/**
 * Runs the commands of one fuzz case on the case worker with a time limit and a heap limit; a case
 * that times out or kills the worker is an outcome, not a failure of the fuzzer, and the next case
 * gets a fresh worker.
 */
import { Worker } from "node:worker_threads";
import type { CapturedCommand } from "../../cli/run-command.js";
import type { CaseReply } from "./case-worker.js";

export type Execution =
  | { readonly kind: "done"; readonly results: ReadonlyArray<CapturedCommand> }
  | { readonly kind: "timeout" }
  | { readonly kind: "crashed"; readonly message: string };

/** The case worker, from sources: a worker thread does not inherit tsx's loader, so a bootstrap registers it first. */
function startCaseWorker(heapMb: number): Worker {
  const script = new URL("./case-worker.ts", import.meta.url).href;
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: heapMb }, stdout: true, stderr: true });
}

export class CaseExecutor {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private next = 0;

  constructor(private readonly heapMb = 768) {}

  private start(): Promise<void> {
    if (this.ready !== undefined) return this.ready;
    const worker = startCaseWorker(this.heapMb);
    // Whatever the commands print goes to their captured streams; the worker's own console is dropped.
    worker.stdout.resume();
    worker.stderr.resume();
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (m.ready !== true) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve();
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    return this.ready;
  }

  private stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.ready = undefined;
  }

  /** Runs `commands` in order on the worker; a timeout or a dead worker ends the case. */
  async execute(commands: ReadonlyArray<ReadonlyArray<string>>, timeoutMs: number): Promise<Execution> {
    await this.start();
    const worker = this.worker!;
    const id = this.next++;
    return new Promise<Execution>((resolve) => {
      const finish = (e: Execution) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (e.kind !== "done") this.stop();
        resolve(e);
      };
      const onMessage = (m: CaseReply) => m.id === id && finish({ kind: "done", results: m.results });
      const onError = (e: Error) => finish({ kind: "crashed", message: `${(e as { code?: string }).code ?? e.name}: ${e.message}` });
      const onExit = (code: number) => finish({ kind: "crashed", message: `the worker exited with code ${code}` });
      const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.postMessage({ id, commands });
    });
  }

  close(): void {
    this.stop();
  }
}
