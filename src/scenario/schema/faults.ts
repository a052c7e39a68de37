/**
 * The `faults:` section of a scenario (issue 8): failure processes per failure domain (time to
 * failure and time to repair from distributions), scripted storms (a rack, a zone, a share of hosts
 * within a time, flapping hosts), cascades (hosts overloaded by evacuations fail next), maintenance
 * windows, detection delays and the VIM's recovery policy. Data only.
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, Id, PositiveInt, field, optional } from "./common.js";

/** Failure domains: host-level (host, hypervisor, nic) or shared (rack, its PDU and top-of-rack switch, zone). */
export const FAULT_DOMAIN_NAMES = ["host", "hypervisor", "nic", "rack", "pdu", "tor", "zone"] as const;

/** Which components of a domain: by host ids, or a zone with optional racks; all of the site when absent. */
const Selection = {
  hosts: optional(Schema.Array(Id), "only these host ids (<zone>-<rack>-h<NNN>)"),
  zone: optional(Id, "only this zone (or its racks)"),
  racks: optional(Schema.Array(Id), "with zone: only these racks"),
};

/**
 * Every component of the domain fails and is repaired in turn (an alternating renewal process).
 * Domain `accelerator`: each accelerator device of the selected hosts (of `accType` if given) dies
 * and is repaired; the host lives (IFA 019: the device is DISABLED, its requests fail, an alarm).
 */
export const FailureProcess = Schema.Struct({
  domain: field(Schema.Literals([...FAULT_DOMAIN_NAMES, "accelerator"]), "what fails: a host-level component (host, hypervisor, nic), a shared one (rack, pdu, tor, zone) or each accelerator device"),
  accType: optional(Id, "domain accelerator: only devices of this type (FPGA, GPU, NIC, ...)"),
  profiles: optional(Schema.Array(Id), "only hosts of these profiles (per-profile failure rates: one process per profile)"),
  kind: optional(Schema.Literals(["crash", "hang", "degraded"]), "crash (detected after detection.delay), hang (after detection.hangDelay), degraded (capacity shrinks, servers run on)"),
  capacityShare: optional(Schema.Finite, "kind degraded: the share of each inventory that remains, in (0, 1); default 0.5"),
  timeToFailure: field(DurationOrDistribution, "up time of a component before it fails: a duration or a distribution"),
  timeToRepair: field(DurationOrDistribution, "down time until the component is repaired: a duration or a distribution"),
  ...Selection,
});
export type FailureProcess = typeof FailureProcess.Type;

/** A burst of correlated failures at a time, reproducible from the seed. */
export const Storm = Schema.Struct({
  at: field(Duration, "simulated time of the storm"),
  domain: field(Schema.Literals(FAULT_DOMAIN_NAMES), "what fails: host, hypervisor, nic, rack, pdu, tor or zone"),
  kind: optional(Schema.Literals(["crash", "hang", "degraded", "flapping"]), "how it fails (default crash)"),
  ...Selection,
  capacityShare: optional(Schema.Finite, "kind degraded: the share of each inventory that remains, in (0, 1); default 0.5"),
  share: optional(Schema.Finite, "for domain host: this share (0 < share ≤ 1) of the selected hosts fails, chosen at random"),
  within: optional(Duration, "the failures are spread uniformly over this time after at (0: all at once)"),
  timeToRepair: field(DurationOrDistribution, "down time until each failed component is repaired: a duration or a distribution"),
  flaps: optional(PositiveInt, "kind flapping: down for timeToRepair, up for flapInterval, flaps times"),
  flapInterval: optional(Duration, "kind flapping: up time between two flaps"),
});
export type Storm = typeof Storm.Type;

/** After an evacuation lands on a host above this utilisation, the host fails with this probability. */
export const Cascade = Schema.Struct({
  utilisationAbove: field(Schema.Finite, "utilisation share (0..1) above which an evacuation's landing host may fail"),
  probability: field(Schema.Finite, "probability (0..1) that such a host fails"),
  delay: optional(Duration, "time from the landing to the failure"),
  timeToRepair: field(DurationOrDistribution, "down time of the cascaded host: a duration or a distribution"),
});

/** An operator maintenance window: the hosts go to MAINTENANCE (servers migrated away first) and come back. */
export const MaintenanceWindow = Schema.Struct({
  at: field(Duration, "simulated time the window opens"),
  duration: field(Duration, "how long the hosts stay in MAINTENANCE"),
  ...Selection,
  drain: optional(Schema.Literals(["LIVE_MIGRATION", "OFFLINE_MIGRATION"]), "how servers are moved away first"),
});

export const Faults = Schema.Struct({
  detection: optional(
    Schema.Struct({
      delay: optional(Duration, "fault to detection of a crash (Doctor monitors: well under a second). Default 500ms"),
      hangDelay: optional(Duration, "fault to detection of a hang (missed heartbeats, Nova service_down_time). Default 60s"),
      alarmClearDelay: optional(Duration, "a repaired host's alarms clear after it stayed up this long (flap damping). Default 0s"),
      notificationDeadline: optional(Duration, "the OPNFV Doctor bound from fault to the consumer's notification. Default 1s"),
    }),
    "how fast the VIM notices faults",
  ),
  recovery: optional(
    Schema.Struct({
      policy: optional(Schema.Literals(["evacuate", "restart", "none"]), "what the VIM does with the servers of a failed host: evacuate (rebuild elsewhere), restart (in place after repair) or none"),
      concurrency: optional(PositiveInt, "evacuations running at once. Default 10"),
      rebuildTime: optional(DurationOrDistribution, "how long one rebuild on the new host takes. Default 1m"),
      priorityKey: optional(Schema.String, "server metadata key holding a number: higher is evacuated first. Default \"priority\""),
    }),
    "what the VIM does after a host failure",
  ),
  processes: optional(Schema.Array(FailureProcess), "components failing and being repaired in turn (alternating renewal processes)"),
  storms: optional(Schema.Array(Storm), "bursts of correlated failures at given times"),
  cascade: optional(Cascade, "evacuations overloading their landing hosts into failure"),
  maintenance: optional(Schema.Array(MaintenanceWindow), "operator maintenance windows"),
  windows: optional(Schema.Boolean, "true: a summary.json time window per storm (storm-<n>, from its first failure to its last repair, as drawn) and per maintenance window (maintenance-<n>); n is the index in its list, from 0"),
  headroomCheck: optional(Schema.Struct({ every: field(Duration, "at most one N+1 check per this period of the utilisation samples (and one at the end)") }), "how often the N+1 headroom dry run runs; default: at every utilisation sample"),
});
export type Faults = typeof Faults.Type;
