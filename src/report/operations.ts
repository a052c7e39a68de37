/**
 * The `operations` map of a summary as table rows, for report.md and report.html: per operation, the
 * actions accepted and refused (by error kind) and the tasks started, completed and failed. Operations
 * and outcome kinds are sorted, so the table never depends on the order things happened in.
 */
import type { RunSummary } from "../scenario/index.js";

export interface OperationRow {
  readonly operation: string;
  /** Scenario actions accepted, or NOT_ASKED when the scenario asked none (the VIM started every task: evacuations, auto-confirms). */
  readonly accepted: number | typeof NOT_ASKED;
  /** "KIND n, KIND n" (sorted), or "" when nothing was refused. */
  readonly refused: string;
  readonly started: number;
  readonly completed: number;
  readonly failed: number;
}

/** The accepted cell of an operation no scenario action asked for. */
export const NOT_ASKED = "— (by the VIM)";

export function operationRows(summary: RunSummary): OperationRow[] {
  const ops = summary.operations ?? {};
  return Object.keys(ops)
    .sort()
    .map((operation) => {
      const { actions, tasks } = ops[operation]!;
      const refused = Object.keys(actions)
        .filter((k) => k !== "accepted")
        .sort()
        .map((k) => `${k} ${actions[k]}`)
        .join(", ");
      const asked = Object.keys(actions).length > 0;
      return { operation, accepted: asked ? (actions["accepted"] ?? 0) : NOT_ASKED, refused, started: tasks["started"] ?? 0, completed: tasks["completed"] ?? 0, failed: tasks["failed"] ?? 0 };
    });
}

export const OPERATION_HEADERS = ["operation", "accepted", "refused", "tasks started", "completed", "failed"] as const;
