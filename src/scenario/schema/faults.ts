/**
 * The `faults:` section of a scenario (issue 8): failure processes per failure domain (time to
 * failure and time to repair from distributions), scripted storms (a rack, a zone, a share of hosts
 * within a time, flapping hosts), cascades (hosts overloaded by evacuations fail next), maintenance
 * windows, detection delays and the VIM's recovery policy. Data only.
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, Id, PositiveInt } from "./common.js";

/** Failure domains: host-level (host, hypervisor, nic) or shared (rack, its PDU and top-of-rack switch, zone). */
export const FAULT_DOMAIN_NAMES = ["host", "hypervisor", "nic", "rack", "pdu", "tor", "zone"] as const;

/** Which components of a domain: by host ids, or a zone with optional racks; all of the site when absent. */
const Selection = {
  hosts: Schema.optionalKey(Schema.Array(Id)),
  zone: Schema.optionalKey(Id),
  racks: Schema.optionalKey(Schema.Array(Id)),
};

/**
 * Every component of the domain fails and is repaired in turn (an alternating renewal process).
 * Domain `accelerator`: each accelerator device of the selected hosts (of `accType` if given) dies
 * and is repaired; the host lives (IFA 019: the device is DISABLED, its requests fail, an alarm).
 */
export const FailureProcess = Schema.Struct({
  domain: Schema.Literals([...FAULT_DOMAIN_NAMES, "accelerator"]),
  /** Domain accelerator: only devices of this type (FPGA, GPU, NIC, ...). */
  accType: Schema.optionalKey(Id),
  /** Only hosts of these profiles (per-profile failure rates: one process per profile). */
  profiles: Schema.optionalKey(Schema.Array(Id)),
  /** crash (detected after detection.delay), hang (after detection.hangDelay), degraded (capacity shrinks, servers run on). */
  kind: Schema.optionalKey(Schema.Literals(["crash", "hang", "degraded"])),
  /** kind degraded: the share of each inventory that remains, in (0, 1); default 0.5. */
  capacityShare: Schema.optionalKey(Schema.Finite),
  timeToFailure: DurationOrDistribution,
  timeToRepair: DurationOrDistribution,
  ...Selection,
});
export type FailureProcess = typeof FailureProcess.Type;

/** A burst of correlated failures at a time, reproducible from the seed. */
export const Storm = Schema.Struct({
  at: Duration,
  domain: Schema.Literals(FAULT_DOMAIN_NAMES),
  kind: Schema.optionalKey(Schema.Literals(["crash", "hang", "degraded", "flapping"])),
  ...Selection,
  /** kind degraded: the share of each inventory that remains, in (0, 1); default 0.5. */
  capacityShare: Schema.optionalKey(Schema.Finite),
  /** For domain host: this share (0 < share ≤ 1) of the selected hosts fails, chosen at random. */
  share: Schema.optionalKey(Schema.Finite),
  /** The failures are spread uniformly over this time after `at` (0: all at once). */
  within: Schema.optionalKey(Duration),
  timeToRepair: DurationOrDistribution,
  /** kind flapping: down for timeToRepair, up for flapInterval, `flaps` times. */
  flaps: Schema.optionalKey(PositiveInt),
  flapInterval: Schema.optionalKey(Duration),
});
export type Storm = typeof Storm.Type;

/** After an evacuation lands on a host above this utilisation, the host fails with this probability. */
export const Cascade = Schema.Struct({
  utilisationAbove: Schema.Finite,
  probability: Schema.Finite,
  delay: Schema.optionalKey(Duration),
  timeToRepair: DurationOrDistribution,
});

/** An operator maintenance window: the hosts go to MAINTENANCE (servers migrated away first) and come back. */
export const MaintenanceWindow = Schema.Struct({
  at: Duration,
  duration: Duration,
  ...Selection,
  drain: Schema.optionalKey(Schema.Literals(["LIVE_MIGRATION", "OFFLINE_MIGRATION"])),
});

export const Faults = Schema.Struct({
  detection: Schema.optionalKey(
    Schema.Struct({
      /** Fault to detection of a crash (Doctor monitors: well under a second). Default 500ms. */
      delay: Schema.optionalKey(Duration),
      /** Fault to detection of a hang (missed heartbeats, Nova service_down_time). Default 60s. */
      hangDelay: Schema.optionalKey(Duration),
      /** A repaired host's alarms clear after it stayed up this long (flap damping). Default 0s. */
      alarmClearDelay: Schema.optionalKey(Duration),
      /** The OPNFV Doctor bound from fault to the consumer's notification. Default 1s. */
      notificationDeadline: Schema.optionalKey(Duration),
    }),
  ),
  recovery: Schema.optionalKey(
    Schema.Struct({
      policy: Schema.optionalKey(Schema.Literals(["evacuate", "restart", "none"])),
      /** Evacuations running at once. Default 10. */
      concurrency: Schema.optionalKey(PositiveInt),
      /** How long one rebuild on the new host takes. Default 1m. */
      rebuildTime: Schema.optionalKey(DurationOrDistribution),
      /** Server metadata key holding a number: higher is evacuated first. Default "priority". */
      priorityKey: Schema.optionalKey(Schema.String),
    }),
  ),
  processes: Schema.optionalKey(Schema.Array(FailureProcess)),
  storms: Schema.optionalKey(Schema.Array(Storm)),
  cascade: Schema.optionalKey(Cascade),
  maintenance: Schema.optionalKey(Schema.Array(MaintenanceWindow)),
  /** The N+1 check over the run: at most one per `every` of the utilisation samples, and one at the end. Default: every sample. */
  headroomCheck: Schema.optionalKey(Schema.Struct({ every: Duration })),
});
export type Faults = typeof Faults.Type;
