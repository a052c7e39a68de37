/** Fields every `operations.calls` entry has: when, who, the name it gives or refers to, repetitions. */
import { Schema } from "effect";
import { Duration, Id, PositiveInt } from "./common.js";

export const callBase = {
  at: Duration,
  /** The user making the call: a user of one of the model's tenants. */
  as: Id,
  /** The name the call gives its resource, or the resource it acts on (delete, attach, ...). */
  name: Schema.optionalKey(Schema.String),
  count: Schema.optionalKey(PositiveInt),
};
