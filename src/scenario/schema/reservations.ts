/**
 * The `reservations:` section of a scenario: static leases (IFA CreateComputeResourceReservation at a
 * time of the run), each a pool of cores and RAM or N slots of a flavour, with its window, expiry,
 * before-end lead and reclaim policy. Requests draw from one with `reservation: <id>`. A `storage:`
 * entry reserves GB of a zone's volume backend instead; createVolume calls draw from it. A `network:`
 * entry reserves public IPs, ports and segmentation ids; network calls draw from it.
 */
import { Schema } from "effect";
import { Duration, Id, NonNegativeInt, PositiveInt } from "./common.js";
import { atMost, MAX_REQUEST_SERVERS } from "./limits.js";

export const ReservationEntry = Schema.Struct({
  id: Id,
  tenant: Id,
  zone: Schema.optionalKey(Id),
  /** When the lease is requested (default 0s: at the start of the run). */
  at: Schema.optionalKey(Duration),
  /** startTime, from the start of the run (default: `at`, immediate use). */
  start: Schema.optionalKey(Duration),
  /** endTime, from the start of the run (default: unbounded). */
  end: Schema.optionalKey(Duration),
  /** expiryTime: released at this time if nothing used it. */
  expiry: Schema.optionalKey(Duration),
  /** Lead of the before-end warning (default 1h as Blazar; 0s disables). */
  beforeEnd: Schema.optionalKey(Duration),
  /** What happens to servers still bound at the end: delete (Blazar, default) or keep. */
  reclaim: Schema.optionalKey(Schema.Literals(["delete", "keep"])),
  /** `accelerators`: `count` servers' worth of a device profile's handles, held on the pool's hosts (IFA accelerationCapability). */
  pool: Schema.optionalKey(Schema.Struct({ cores: NonNegativeInt, ramMb: NonNegativeInt, instances: PositiveInt, accelerators: Schema.optionalKey(Schema.Struct({ profile: Id, count: PositiveInt })) })),
  containers: Schema.optionalKey(Schema.Struct({ flavour: Id, count: PositiveInt.check(atMost(MAX_REQUEST_SERVERS, "servers")), affinity: Schema.optionalKey(Schema.Literals(["affinity", "anti-affinity"])) })),
  /** A storage reservation instead (IFA StoragePoolReservation): GB of the zone's volume backend, at most `volumes` volumes. */
  storage: Schema.optionalKey(Schema.Struct({ gigabytes: PositiveInt, volumes: Schema.optionalKey(PositiveInt) })),
  /**
   * A network reservation instead (IFA VirtualNetworkReservation): `publicIps` of the external pool,
   * `ports` on the network named `network` (a createNetwork call's name), `segments` of `segmentType`
   * (default vlan). createPort, allocatePublicIp and createNetwork calls draw from it.
   */
  network: Schema.optionalKey(
    Schema.Struct({
      publicIps: Schema.optionalKey(PositiveInt),
      ports: Schema.optionalKey(PositiveInt),
      network: Schema.optionalKey(Schema.String),
      segments: Schema.optionalKey(PositiveInt),
      segmentType: Schema.optionalKey(Schema.Literals(["vlan", "vxlan"])),
    }),
  ),
});
export type ReservationEntry = typeof ReservationEntry.Type;

/**
 * A capacity forecast (IFA QueryResourceCapacity over a time period): at `at`, the least available
 * capacity of each `step` of the next `window`, with the reservations booked by then.
 */
export const CapacityForecast = Schema.Struct({
  at: Schema.optionalKey(Duration),
  window: Duration,
  /** Default 1d. */
  step: Schema.optionalKey(Duration),
  zone: Schema.optionalKey(Id),
});
export type CapacityForecast = typeof CapacityForecast.Type;
