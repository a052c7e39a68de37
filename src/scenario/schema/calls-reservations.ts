/**
 * `operations.calls` on reservations (IFA Update / Terminate Compute-, Storage- and
 * NetworkResourceReservation): `reservation:` names an entry of the file's `reservations:`. Update
 * changes what it gives and leaves the rest (IFA: an absent field is unchanged): the window (`start`,
 * `end`, `expiry`, `beforeEnd`, from the start of the run) of any kind, a compute `pool`, a
 * storage lease's `storage` GB and volume count, or a network lease's `publicIps`, `ports` and `segments`. Terminate ends it at once (INV-C9).
 */
import { Schema } from "effect";
import { Duration, Id, NonNegativeInt, PositiveInt, field, optional } from "./common.js";
import { callBase, callKind } from "./call-base.js";

export const RESERVATION_CALLS = [
  Schema.Struct({
    call: callKind("updateReservation"),
    ...callBase,
    reservation: field(Id, "the reservation (an id of reservations:)"),
    start: optional(Duration, "new start time, from the start of the run"),
    end: optional(Duration, "new end time, from the start of the run"),
    expiry: optional(Duration, "new expiry time, from the start of the run"),
    beforeEnd: optional(Duration, "new lead of the before-end warning"),
    pool: optional(
      Schema.Struct({
        cores: field(NonNegativeInt, "vCPUs, a count"),
        ramMb: field(NonNegativeInt, "memory in MiB"),
        instances: field(PositiveInt, "servers, a count"),
      }),
      "a compute pool lease's new amounts (while PENDING)",
    ),
    storage: optional(
      Schema.Struct({ gigabytes: field(PositiveInt, "storage in GiB"), volumes: optional(PositiveInt, "most volumes, a count") }),
      "a storage lease's new amounts",
    ),
    publicIps: optional(PositiveInt, "a network lease's new public IP count; an amount left out keeps its value"),
    ports: optional(PositiveInt, "a network lease's new port count (ports stay on the lease's network)"),
    segments: optional(PositiveInt, "a network lease's new segmentation id count"),
  }),
  Schema.Struct({ call: callKind("terminateReservation"), ...callBase, reservation: field(Id, "the reservation (an id of reservations:)") }),
] as const;
