/**
 * Generated demand traces: the shipped samples (scenarios/traces/, regenerated and compared by
 * trace-samples.test.ts), the property tests' traces and the replay benchmark's million rows. A
 * day-shaped arrival pattern (busier in working hours), lognormal lifetimes, a handful of tenants and
 * deployments; every draw from a named stream.
 */
import { createStream } from "../kernel/index.js";
import { writeTrace, type TraceCreate, type TraceEvent, type TraceFormatName } from "../ingest/index.js";
import { packingDatabase, packingRowsOf } from "./packing-db.js";

const AZURE_SIZES: ReadonlyArray<[number, number]> = [[2, 4096], [2, 8192], [4, 8192], [4, 32768], [8, 32768], [8, 65536], [24, 65536]];

/** `rows` VM creates over `days` days, sorted by time; sizes valid in every format (Azure buckets). */
export function generateCreates(seed: number, rows: number, days: number): TraceCreate[] {
  const u = createStream(seed, "trace-samples");
  const out: TraceCreate[] = [];
  for (let i = 0; i < rows; i++) {
    // Busier by day: a second draw keeps the hour when it falls in 8h–20h, else retries once.
    let t = u.next() * days * 86_400;
    if ((t % 86_400) / 3600 < 8 || (t % 86_400) / 3600 >= 20) t = u.next() * days * 86_400;
    const life = Math.round(Math.exp(7.5 + 1.2 * normal(u)));
    const [vcpus, ramMb] = AZURE_SIZES[Math.floor(u.next() * AZURE_SIZES.length)]!;
    const tenant = String(1 + Math.floor(u.next() * 4));
    out.push({ kind: "create", id: "", timeS: Math.round(t), endS: Math.round(t) + life, vcpus, ramMb, flavour: undefined, tenant, group: `${tenant}${Math.floor(u.next() * 5)}` });
  }
  out.sort((a, b) => a.timeS - b.timeS);
  return out.map((e, i) => ({ ...e, id: String(i + 1) }));
}

function normal(u: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(1 - u.next())) * Math.cos(2 * Math.PI * u.next());
}

/** The events of a sample in `format` (Huawei: creates and their deletes; Alibaba: no ends). */
export function sampleEvents(format: TraceFormatName, creates: ReadonlyArray<TraceCreate>): TraceEvent[] {
  if (format === "huawei") {
    const events: TraceEvent[] = creates.flatMap((e) => [{ ...e, endS: undefined, tenant: "", group: "" }, { kind: "delete" as const, id: e.id, timeS: e.endS! }]);
    return events.sort((a, b) => a.timeS - b.timeS || (a.kind === b.kind ? 0 : a.kind === "create" ? -1 : 1));
  }
  if (format === "alibaba") return creates.map((e) => ({ ...e, endS: undefined, group: e.tenant }));
  return [...creates];
}

/** The shipped sample of `format`: 200 VMs over two days. */
export const sampleTrace = (format: TraceFormatName): string => writeTrace(format, sampleEvents(format, generateCreates(19, 200, 2)));

/** The sample files' names in scenarios/traces/. */
export const SAMPLE_FILES: Readonly<Record<TraceFormatName, string>> = { "azure-v2": "vmtable.csv", "azure-packing": "packing.sqlite", huawei: "huawei-east-1.csv", alibaba: "container_meta.csv", swf: "jobs.swf", csv: "generic.csv" };

/** The machine the shipped Azure Packing sample's fractions are of (its scenarios give the same). */
export const SAMPLE_PACKING_MACHINE = { id: undefined, vcpus: 48, memoryGb: 256 } as const;

/** The shipped Azure Packing sample (a SQLite database): the same 200 VMs, tenants as numbers. */
export async function samplePackingDatabase(): Promise<Uint8Array> {
  const { vms, types } = packingRowsOf(generateCreates(19, 200, 2), SAMPLE_PACKING_MACHINE);
  return packingDatabase(vms, types);
}
