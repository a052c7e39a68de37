/**
 * A replayed demand trace as a workload source (docs/traces.md): a file in one of the trace formats,
 * cut to a window, scaled in time, filtered by tenant, thinned and superposed, its sizes mapped to
 * the model's flavours.
 */
import { Schema } from "effect";
import { Duration, DurationOrDistribution, field, Id, NonNegativeInt, optional, PositiveFactor, PositiveInt } from "./common.js";
import { atMost } from "./limits.js";

/** The trace formats (ingest/trace/trace-event.ts TRACE_FORMATS; kept literal here: the schema imports no ingest code). */
export const TraceFormat = Schema.Literals(["alibaba", "azure-packing", "azure-v2", "csv", "huawei", "swf"]);

/** A share in (0, 1]: the probability a copy keeps a row. */
const KeepShare = Schema.Finite.check(
  Schema.makeFilter((x: number) => (x > 0 && x <= 1 ? undefined : `expected a probability in (0, 1] such as 0.5, got ${x}`), { toJsonSchema: () => ({ exclusiveMinimum: 0, maximum: 1 }) }),
);

export const TraceStream = Schema.Struct({
  id: optional(Id, "trace stream id, naming its random streams and its report rows (default: trace#<position>)"),
  file: field(Schema.String, "path of the trace file, relative to this scenario file; read row by row, never whole"),
  format: field(TraceFormat, "trace format: azure-v2 (vmtable.csv), azure-packing (Azure Packing 2020 SQLite database), huawei, alibaba (container_meta.csv), swf, csv (generic, with a header)"),
  tenant: field(Id, "tenant of the model every replayed request comes from"),
  tenants: optional(Schema.NonEmptyArray(Schema.String), "replay only rows of these trace tenants (Azure subscriptionid, SWF user, Alibaba app_du, csv tenant)"),
  timeWindow: optional(
    Schema.Struct({
      from: optional(Duration, "trace time the replay starts at (simulated 0); earlier rows are skipped unless aliveAtStart"),
      to: optional(Duration, "trace time the replay stops reading at (default: the end of the trace)"),
      aliveAtStart: optional(Schema.Boolean, "servers created before from and still alive then start at simulated 0 with what is left of their lifetime (default false: skipped)"),
    }),
    "the part of the trace replayed, in trace time",
  ),
  timeScale: optional(PositiveFactor, "simulated time = (trace time − timeWindow.from) × timeScale, lifetimes too, a factor above 0 (0.1 replays ten times faster; default 1)"),
  sample: optional(KeepShare, "thinning: each copy keeps a row with this probability, in (0, 1] (default 1)"),
  replicate: optional(PositiveInt.check(atMost(100, "copies")), "superposition: this many copies of the trace, each thinned on its own random stream, a count (default 1); demand × 1.3 = replicate 2, sample 0.65"),
  sizeMapping: optional(Schema.Literals(["smallestFittingFlavour", "exactSize"]), "how a row's size becomes a flavour: the smallest model flavour that fits it (default), or a flavour of exactly its size"),
  flavours: optional(Schema.NonEmptyArray(Id), "smallestFittingFlavour: the model flavours to choose from (default: all)"),
  machineRamGb: optional(PositiveFactor, "alibaba: the memory of a machine in GB, which mem_size is a percentage of (default 100)"),
  machine: optional(
    Schema.Struct({
      id: optional(NonNegativeInt, "the vmType.machineId whose fractions are used (default: the lowest machineId of each vmTypeId)"),
      vcpus: field(PositiveInt, "vCPUs of that machine, a count"),
      memoryGb: field(PositiveFactor, "memory of that machine in GB"),
    }),
    "azure-packing: the machine whose fractions (vmType core and memory) the sizes are",
  ),
  zone: optional(Id, "availability zone the requests ask for (default: any)"),
  bootTime: optional(DurationOrDistribution, "how long a server takes to boot (default: the scenario's defaultBootTime)"),
});
export type TraceStream = typeof TraceStream.Type;
