/**
 * The VIM's fault management hears the NFVI's accelerator alarms (IFA 019 Subscribe/Notify, one
 * subscription per host) and shows them as IFA 005 alarms on managed objects of type ACCELERATOR:
 * raised (a root cause: the device, not its host, failed) when a device is disabled, cleared when it
 * is found again. So GetAlarmList, alarm subscribers and the availability report see accelerator
 * faults beside host, rack and zone faults.
 */
import type { AlarmService } from "../fault/alarm-service.js";
import type { AccelerationService } from "./acc-resource-service.js";

export function forwardAccelerationAlarms(acc: AccelerationService, hostIds: readonly string[], alarms: AlarmService): void {
  for (const hostId of hostIds) {
    acc.subscribe(hostId, {}, (a, event) => {
      if (event === "CLEARED") {
        alarms.clearObject(a.managedObjectId);
        return;
      }
      alarms.raise({
        managedObjectId: a.managedObjectId,
        managedObjectType: "ACCELERATOR",
        faultType: "compute.accelerator.failure",
        probableCause: a.probableCause,
        perceivedSeverity: a.severity,
        eventTimeMs: a.raisedAtMs,
        isRootCause: true,
        rootCauseFaultyResource: { faultyResource: { resourceId: a.managedObjectId, vimLevelResourceType: "ACCELERATOR" }, faultyResourceType: "COMPUTE" },
        faultDetails: [`on host ${a.hostId}`],
      });
    });
  }
}
