/**
 * The `accelerators:` section of a scenario: image onloads (FPGA reprogramming) at times, device
 * faults at times, and offload traffic per accelerator function (IFA 002 data path: arrivals per
 * bound handle and a service-time distribution).
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, Id, PositiveInt, Rate } from "./common.js";

export const AccOnload = Schema.Struct({
  at: Duration,
  /** The image to load (an id of the model's accImages). */
  image: Id,
  /** Only devices that have this image loaded now (default: any of the image's type). */
  from: Schema.optionalKey(Id),
  /** How many idle devices to reprogram (lowest device ids first); default 1. */
  devices: Schema.optionalKey(PositiveInt),
  /** Only devices of these hosts. */
  hosts: Schema.optionalKey(Schema.Array(Id)),
});

export const AccFault = Schema.Struct({
  at: Duration,
  /** Device id `<host>/<name>`. */
  device: Schema.String,
  /** Repair (AccResourcesDiscovery of its host) after this long; never when absent. */
  repairAfter: Schema.optionalKey(Duration),
});

export const AccOffload = Schema.Struct({
  /** The accelerator function the traffic uses (e.g. crypto); every bound handle offering it gets it. */
  function: Schema.String,
  /** Requests per bound handle (Poisson). */
  rate: Rate,
  serviceTime: DurationOrDistribution,
});

export const AcceleratorSection = Schema.Struct({
  onload: Schema.optionalKey(Schema.Array(AccOnload)),
  faults: Schema.optionalKey(Schema.Array(AccFault)),
  offload: Schema.optionalKey(Schema.Array(AccOffload)),
});
export type AcceleratorSection = typeof AcceleratorSection.Type;
