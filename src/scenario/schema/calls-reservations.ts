/**
 * `operations.calls` on reservations (IFA Update / Terminate Compute-, Storage- and
 * NetworkResourceReservation): `reservation:` names an entry of the file's `reservations:`. Update
 * changes what it gives and leaves the rest (IFA: an absent field is unchanged): the window (`start`,
 * `end`, `expiry`, `beforeEnd`, from the start of the run) of any kind, a compute `pool`, a
 * storage lease's `storage` GB and volume count, or a network lease's `publicIps`, `ports` and `segments`. Terminate ends it at once (INV-C9).
 */
import { Schema } from "effect";
import { Duration, Id, NonNegativeInt, PositiveInt } from "./common.js";
import { callBase } from "./call-base.js";

export const RESERVATION_CALLS = [
  Schema.Struct({
    call: Schema.Literal("updateReservation"),
    ...callBase,
    reservation: Id,
    start: Schema.optionalKey(Duration),
    end: Schema.optionalKey(Duration),
    expiry: Schema.optionalKey(Duration),
    beforeEnd: Schema.optionalKey(Duration),
    pool: Schema.optionalKey(Schema.Struct({ cores: NonNegativeInt, ramMb: NonNegativeInt, instances: PositiveInt })),
    storage: Schema.optionalKey(Schema.Struct({ gigabytes: PositiveInt, volumes: Schema.optionalKey(PositiveInt) })),
    /** A network lease's new amounts; an amount left out keeps its value (ports stay on the lease's network). */
    publicIps: Schema.optionalKey(PositiveInt),
    ports: Schema.optionalKey(PositiveInt),
    segments: Schema.optionalKey(PositiveInt),
  }),
  Schema.Struct({ call: Schema.Literal("terminateReservation"), ...callBase, reservation: Id }),
] as const;
