/** Fields every `operations.calls` entry has: when, who, the name it gives or refers to, repetitions. */
import { Schema } from "effect";
import { Duration, Id, PositiveInt, field, optional } from "./common.js";

/** The call's `call` field: which API call. */
export const callKind = <const K extends string>(kind: K) => field(Schema.Literal(kind), `the API call: ${kind}`);

/** A server named by an earlier timed request or createServer call (the newest live one of that name). */
export const ComputeName = field(Schema.String, "the server by name (the newest live one of that name)");

export const callBase = {
  at: field(Duration, "simulated time of the call"),
  as: field(Id, "the user making the call: a user of one of the model's tenants"),
  name: optional(Schema.String, "the name the call gives its resource, or the resource it acts on (delete, attach, ...)"),
  count: optional(PositiveInt, "repeat the call this many times, a count (names get -1 ... -N)"),
};
