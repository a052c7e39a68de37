/** How requests (and pods) arrive: a Poisson process with a constant, stepwise or daily/weekly modulated rate. */
import { Schema } from "effect";
import { Duration, Factor, field, optional, Rate } from "./common.js";

/** How requests arrive: a Poisson process with a constant, stepwise or daily/weekly modulated rate. */
export const Arrivals = Schema.Union([
  Schema.Struct({ kind: field(Schema.Literal("poisson"), "arrivals kind: poisson, a constant rate"), rate: field(Rate, "mean arrivals per unit of time") }),
  Schema.Struct({
    kind: field(Schema.Literal("schedule"), "arrivals kind: schedule, a stepwise rate"),
    steps: field(
      Schema.NonEmptyArray(Schema.Struct({ from: field(Duration, "simulated time the step starts"), rate: field(Rate, "rate from then on") })),
      "rate steps in time order",
    ),
  }),
  Schema.Struct({
    kind: field(Schema.Literal("daily"), "arrivals kind: daily, a rate modulated by hour of day and day of week"),
    rate: field(Rate, "base rate the factors multiply"),
    hourly: field(Schema.Array(Factor), "24 hourly factors multiplying rate, plain numbers (mean rate = rate × mean factor)"),
    weekly: optional(Schema.Array(Factor), "7 day-of-week factors, Monday first, plain numbers"),
  }),
]).annotate({ message: "unknown or missing arrivals kind; expected kind to be one of: poisson, schedule, daily" });
