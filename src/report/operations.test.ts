import { describe, expect, it } from "vitest";
import type { RunSummary } from "../scenario/index.js";
import { operationRows } from "./operations.js";

describe("operation rows", () => {
  it("sorts operations and refusal kinds, and counts what is missing as 0", () => {
    const summary = {
      operations: {
        stop: { actions: { accepted: 3, WRONG_STATE: 1 }, tasks: { started: 3, completed: 2, failed: 1 } },
        "migrate-live": { actions: { NO_VALID_HOST: 2, accepted: 5, FORBIDDEN: 1 }, tasks: { started: 5, completed: 5, failed: 0 } },
        "resize-confirm": { actions: {}, tasks: { started: 4, completed: 4, failed: 0 } },
      },
    } as unknown as RunSummary;
    expect(operationRows(summary)).toEqual([
      { operation: "migrate-live", accepted: 5, refused: "FORBIDDEN 1, NO_VALID_HOST 2", started: 5, completed: 5, failed: 0 },
      // No scenario action asked for it (auto-confirms, evacuations): not "accepted 0".
      { operation: "resize-confirm", accepted: "— (by the VIM)", refused: "", started: 4, completed: 4, failed: 0 },
      { operation: "stop", accepted: 3, refused: "WRONG_STATE 1", started: 3, completed: 2, failed: 1 },
    ]);
    expect(operationRows({} as RunSummary)).toEqual([]);
  });
});
