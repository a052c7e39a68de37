/**
 * The `accelerators:` section of a scenario: image onloads (FPGA reprogramming) at times, device
 * faults at times, and offload traffic per accelerator function (IFA 002 data path: arrivals per
 * bound handle and a service-time distribution).
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, Id, PositiveInt, Rate, field, optional } from "./common.js";

export const AccOnload = Schema.Struct({
  at: field(Duration, "simulated time of the onload"),
  image: field(Id, "the image to load (an id of the model's accImages)"),
  from: optional(Id, "only devices that have this image loaded now (default: any of the image's type)"),
  devices: optional(PositiveInt, "how many idle devices to reprogram (lowest device ids first); default 1"),
  hosts: optional(Schema.Array(Id), "only devices of these hosts"),
});

export const AccFault = Schema.Struct({
  at: field(Duration, "simulated time the device fails"),
  device: field(Schema.String, "device id <host>/<name>"),
  repairAfter: optional(Duration, "repair (AccResourcesDiscovery of its host) after this long; never when absent"),
});

export const AccOffload = Schema.Struct({
  function: field(Schema.String, "the accelerator function the traffic uses (e.g. crypto); every bound handle offering it gets it"),
  rate: field(Rate, "requests per bound handle (Poisson)"),
  serviceTime: field(DurationOrDistribution, "time one request holds the handle: a duration or a distribution"),
});

export const AcceleratorSection = Schema.Struct({
  onload: optional(Schema.Array(AccOnload), "image onloads (FPGA reprogramming) at set times"),
  faults: optional(Schema.Array(AccFault), "device faults at set times"),
  offload: optional(Schema.Array(AccOffload), "offload traffic per accelerator function"),
});
export type AcceleratorSection = typeof AcceleratorSection.Type;
