/**
 * Which change category each state-machine operation is (ifa-digest §1.9: one notification per
 * state-affecting event, changeType ADDED / MODIFIED / OPERATED / SCALED / MIGRATED / REMOVED / FAILED).
 */
import type { ChangeNotification, ChangeReason, ChangeType } from "./notifications.js";

const BY_OPERATION: Readonly<Record<string, ChangeType>> = {
  allocate: "ADDED",
  create: "ADDED",
  "schedule.ok": "MODIFIED",
  "spawn.complete": "MODIFIED",
  update: "MODIFIED",
  "schedule.fail": "FAILED",
  "spawn.fail": "FAILED",
  "task.fail": "FAILED",
  terminate: "REMOVED",
  delete: "REMOVED",
  resize: "SCALED",
  "resize.confirm": "SCALED",
  "resize.revert": "SCALED",
  "migrate.live": "MIGRATED",
  "migrate.offline": "MIGRATED",
};

/** The change type of `operation` on a resource: OPERATED for the remaining server operations. */
export const changeTypeOf = (operation: string): ChangeType => BY_OPERATION[operation] ?? (operation === "task.complete" ? "MODIFIED" : "OPERATED");

/** A change notification for one log record. */
export function changeNotification(
  seq: number,
  timeMs: number,
  resourceType: string,
  id: string,
  tenantId: string | undefined,
  operation: string,
  before: unknown,
  after: unknown,
  changeReason: ChangeReason = "CONSUMER_REQUEST",
): ChangeNotification {
  return {
    kind: "change",
    seq,
    timeMs,
    changeId: `chg-${seq}`,
    resourceType,
    virtualisedResourceId: id,
    tenantId,
    changeType: changeTypeOf(operation),
    changeReason,
    operation,
    before,
    after,
  };
}
