/**
 * The fuzzer's case process: runs nfvtwin commands in-process (run-command.ts) and sends back what
 * each printed. A child process of its own (not a worker thread: a worker's heap limit does not stop
 * every out-of-memory crash from taking the whole process down), so that a case that hangs or exhausts
 * the heap is killed or dies alone and the fuzzer carries on with a fresh one.
 */
import process from "node:process";
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

if (process.send === undefined) throw new Error("case-worker.ts runs as a child process with an IPC channel");
const send = (m: CaseReply | { ready: true }) => void process.send!(m);
process.on("disconnect", () => process.exit(0));

// Load the handlers and the chart kit before the first case, so that no case pays (or times out on) them.
void Promise.all([runCommandCaptured(["schema", "scenario"]), loadChartKit()]).then(() => {
  process.on("message", (request: CaseRequest) => {
    void (async () => {
      const results: CapturedCommand[] = [];
      for (const argv of request.commands) results.push(await runCommandCaptured(argv));
      send({ id: request.id, results });
    })();
  });
  send({ ready: true });
});
