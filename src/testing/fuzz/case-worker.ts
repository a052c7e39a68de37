/**
 * The fuzzer's worker thread: runs nfvtwin commands in-process (run-command.ts) and posts back what
 * each printed. A thread of its own so that a case that hangs or exhausts the heap can be stopped
 * (terminated, or killed by its resource limits) without stopping the fuzzer.
 */
import { parentPort } from "node:worker_threads";
import { runCommandCaptured, type CapturedCommand } from "../../cli/run-command.js";
import { loadChartKit } from "../../report/index.js";

export interface CaseRequest {
  readonly id: number;
  readonly commands: ReadonlyArray<ReadonlyArray<string>>;
}

export interface CaseReply {
  readonly id: number;
  readonly results: ReadonlyArray<CapturedCommand>;
}

const port = parentPort;
if (port === null) throw new Error("case-worker.ts runs as a worker thread");

// Load the handlers and the chart kit before the first case, so that no case pays (or times out on) them.
void Promise.all([runCommandCaptured(["schema", "scenario"]), loadChartKit()]).then(() => {
  port.on("message", (request: CaseRequest) => {
    void (async () => {
      const results: CapturedCommand[] = [];
      for (const argv of request.commands) results.push(await runCommandCaptured(argv));
      port.postMessage({ id: request.id, results } satisfies CaseReply);
    })();
  });
  port.postMessage({ ready: true });
});
