/**
 * Renders report folders on a thread of their own (report-worker.ts), so that loading d3-node overlaps
 * the simulation instead of following it. If the thread cannot start or fails, the same pure writers
 * run here: the bytes never depend on where they were rendered.
 */
import type { Worker } from "node:worker_threads";
import { loadChartKit } from "../report/index.js";
import type { PlannedOutcome } from "../scenario/index.js";
import { filesOf, type OutcomeFiles } from "./outcome-files.js";
import { startWorkerScript } from "./simulation-threads.js";

export interface ReportRenderer {
  render(outcome: PlannedOutcome): Promise<OutcomeFiles>;
  close(): void;
}

type Reply =
  | { id: number; files: Array<[string, string]>; expectations: OutcomeFiles["expectations"]; warnings: OutcomeFiles["warnings"]; headline: string }
  | { id: number; error: string };

/** In this thread (the fallback). */
const local = (): ReportRenderer => ({ render: async (outcome) => filesOf(outcome, await loadChartKit()), close: () => undefined });

/** A renderer on a report thread, started now so that it loads its kit while the caller simulates (or in this thread, `onThread` false). */
export function startReportRenderer(onThread = true): ReportRenderer {
  if (!onThread) return local();
  let worker: Worker;
  try {
    worker = startWorkerScript("report-worker");
  } catch {
    return local();
  }
  const pending = new Map<number, { resolve: (o: OutcomeFiles) => void; reject: (e: Error) => void }>();
  let next = 0;
  let broken: Error | undefined;
  const failAll = (e: Error) => {
    broken = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  worker.on("message", (m: Reply) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) worker.unref();
    if ("error" in m) p?.reject(new Error(m.error));
    else p?.resolve({ files: new Map(m.files), expectations: m.expectations, warnings: m.warnings, headline: m.headline });
  });
  worker.on("error", failAll);
  // The thread keeps the process alive only while a render is pending (a promise alone does not).
  worker.unref();
  return {
    render: (outcome) => {
      if (broken !== undefined) return local().render(outcome);
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        worker.postMessage({ id, outcome });
      });
    },
    close: () => void worker.terminate(),
  };
}
