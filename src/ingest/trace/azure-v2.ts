/**
 * Azure Public Dataset V2 (2019) `vmtable.csv`: no header, 11 columns (vmid, subscriptionid,
 * deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu, p95maxcpu, vmcategory, vmcorecountbucket,
 * vmmemorybucket); times in seconds; sizes are buckets. The open-ended buckets ">24" cores and
 * ">64" GB read as 32 cores and 128 GB (the next power of two; docs/traces.md).
 */
import { bad, numberOf, row, type RowOutcome, type TraceCreate } from "./trace-event.js";

const CORES: Readonly<Record<string, number>> = { "2": 2, "4": 4, "8": 8, "24": 24, ">24": 32 };
const MEMORY_GB: Readonly<Record<string, number>> = { "2": 2, "4": 4, "8": 8, "32": 32, "64": 64, ">64": 128 };
const COLUMNS = 11;

/** One vmtable row → a create event ending at vmdeleted. */
export function parseAzureV2(line: string): RowOutcome {
  const f = line.split(",");
  if (f.length !== COLUMNS) return bad(`expected ${COLUMNS} comma-separated columns (vmtable.csv), got ${f.length}`);
  const start = numberOf(f[3]);
  const end = numberOf(f[4]);
  if (start === undefined) return bad(`vmcreated is not a number: "${f[3]}"`);
  if (end === undefined) return bad(`vmdeleted is not a number: "${f[4]}"`);
  if (end < start) return bad(`vmdeleted ${end} is before vmcreated ${start}`);
  const cores = CORES[f[9]!.trim()];
  if (cores === undefined) return bad(`unknown core bucket "${f[9]}"; buckets: ${Object.keys(CORES).join(", ")}`);
  const gb = MEMORY_GB[f[10]!.trim()];
  if (gb === undefined) return bad(`unknown memory bucket "${f[10]}"; buckets: ${Object.keys(MEMORY_GB).join(", ")}`);
  return row({ kind: "create", id: f[0]!, timeS: start, endS: end, vcpus: cores, ramMb: gb * 1024, flavour: undefined, tenant: f[1]!, group: f[2]! });
}

const bucketOf = (table: Readonly<Record<string, number>>, value: number): string => Object.keys(table).find((k) => table[k] === value) ?? String(value);

/** A create event as a vmtable row (sizes must be bucket values; utilisation columns are zero). */
export function writeAzureV2(e: TraceCreate): string {
  return [e.id, e.tenant, e.group, e.timeS, e.endS ?? e.timeS, 0, 0, 0, "Unknown", bucketOf(CORES, e.vcpus), bucketOf(MEMORY_GB, (e.ramMb ?? 0) / 1024)].join(",");
}
