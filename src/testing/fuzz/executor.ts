/**
 * Runs the commands of one fuzz case in the case process with a time limit and a heap limit; a case
 * that times out or kills the process is an outcome, not a failure of the fuzzer, and the next case
 * gets a fresh process.
 */
import { fork, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CapturedCommand } from "../../cli/run-command.js";
import { REPO_ROOT } from "../cli-process.js";
import type { CaseReply } from "./case-worker.js";

export type Execution =
  | { readonly kind: "done"; readonly results: ReadonlyArray<CapturedCommand> }
  | { readonly kind: "timeout" }
  | { readonly kind: "crashed"; readonly message: string };

/** The case process, from sources through tsx, its heap capped; its own output is dropped (commands print to captures). */
function startCaseProcess(heapMb: number): ChildProcess {
  const script = fileURLToPath(new URL("./case-worker.ts", import.meta.url));
  const tsx = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  return fork(script, [], { execArgv: ["--import", tsx, `--max-old-space-size=${heapMb}`], stdio: ["ignore", "ignore", "ignore", "ipc"] });
}

export class CaseExecutor {
  private worker: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private next = 0;

  constructor(private readonly heapMb = 768) {}

  private start(): Promise<void> {
    if (this.ready !== undefined) return this.ready;
    const worker = startCaseProcess(this.heapMb);
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: unknown) => {
        if ((m as { ready?: boolean }).ready !== true) return;
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
    this.worker?.kill("SIGKILL");
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
      const onMessage = (m: unknown) => (m as CaseReply).id === id && finish({ kind: "done", results: (m as CaseReply).results });
      const onError = (e: Error) => finish({ kind: "crashed", message: `${(e as { code?: string }).code ?? e.name}: ${e.message}` });
      const onExit = (code: number | null, signal: string | null) => finish({ kind: "crashed", message: `the case process exited with ${signal ?? `code ${code}`}` });
      const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      worker.send({ id, commands });
    });
  }

  close(): void {
    this.stop();
  }
}
