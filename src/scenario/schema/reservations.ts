/**
 * The `reservations:` section of a scenario: static leases (IFA CreateComputeResourceReservation at a
 * time of the run), each a pool of cores and RAM or N slots of a flavour, with its window, expiry,
 * before-end lead and reclaim policy. Requests draw from one with `reservation: <id>`. A `storage:`
 * entry reserves GB of a zone's volume backend instead; createVolume calls draw from it. A `network:`
 * entry reserves public IPs, ports and segmentation ids; network calls draw from it.
 */
import { Schema } from "effect";
import { Duration, Id, NonNegativeInt, PositiveInt, field, optional } from "./common.js";
import { atMost, MAX_REQUEST_SERVERS } from "./limits.js";

export const ReservationEntry = Schema.Struct({
  id: field(Id, "reservation id, named by requests' and calls' reservation:"),
  tenant: field(Id, "tenant holding the lease"),
  zone: optional(Id, "availability zone of the reserved capacity (default: any; a storage lease: the model's first zone)"),
  at: optional(Duration, "when the lease is requested (default 0s: at the start of the run)"),
  start: optional(Duration, "startTime, from the start of the run (default: at, immediate use)"),
  end: optional(Duration, "endTime, from the start of the run (default: unbounded)"),
  expiry: optional(Duration, "expiryTime: released at this time if nothing used it"),
  beforeEnd: optional(Duration, "lead of the before-end warning (default 1h as Blazar; 0s disables)"),
  reclaim: optional(Schema.Literals(["delete", "keep"]), "what happens to servers still bound at the end: delete (Blazar, default) or keep"),
  pool: optional(
    Schema.Struct({
      cores: field(NonNegativeInt, "vCPUs, a count"),
      ramMb: field(NonNegativeInt, "memory in MiB (32 GiB = 32768)"),
      instances: field(PositiveInt, "servers, a count"),
      accelerators: optional(
        Schema.Struct({ profile: field(Id, "device profile id of the model"), count: field(PositiveInt, "servers' worth of the profile's handles, a count") }),
        "device profile handles held on the pool's hosts (IFA accelerationCapability)",
      ),
    }),
    "a compute pool: cores, memory and instances any flavour may draw from",
  ),
  containers: optional(
    Schema.Struct({
      flavour: field(Id, "flavour id of the model"),
      count: field(PositiveInt.check(atMost(MAX_REQUEST_SERVERS, "servers")), "slots of the flavour, a count"),
      affinity: optional(Schema.Literals(["affinity", "anti-affinity"]), "place the slots together or apart"),
    }),
    "N slots of one flavour (IFA virtualisation containers)",
  ),
  storage: optional(
    Schema.Struct({ gigabytes: field(PositiveInt, "storage of the zone's volume backend in GiB"), volumes: optional(PositiveInt, "at most this many volumes, a count") }),
    "a storage reservation instead (IFA StoragePoolReservation); createVolume calls draw from it",
  ),
  network: optional(
    Schema.Struct({
      publicIps: optional(PositiveInt, "public IPs of the external pool, a count"),
      ports: optional(PositiveInt, "ports on network, a count"),
      network: optional(Schema.String, "the network the ports are on (a createNetwork call's name)"),
      segments: optional(PositiveInt, "segmentation ids, a count"),
      segmentType: optional(Schema.Literals(["vlan", "vxlan"]), "type of the segmentation ids (default vlan)"),
    }),
    "a network reservation instead (IFA VirtualNetworkReservation); createPort, allocatePublicIp and createNetwork calls draw from it",
  ),
});
export type ReservationEntry = typeof ReservationEntry.Type;

/**
 * A capacity forecast (IFA QueryResourceCapacity over a time period): at `at`, the least available
 * capacity of each `step` of the next `window`, with the reservations booked by then.
 */
export const CapacityForecast = Schema.Struct({
  at: optional(Duration, "simulated time of the forecast (default 0s)"),
  window: field(Duration, "how far ahead it looks"),
  step: optional(Duration, "the least available capacity is reported per step (default 1d)"),
  zone: optional(Id, "only this zone (default: the whole site)"),
});
export type CapacityForecast = typeof CapacityForecast.Type;
