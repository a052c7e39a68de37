/**
 * Azure Public Dataset V2 (2019) `vmtable.csv`: no header, 11 columns (vmid, subscriptionid,
 * deploymentid, vmcreated, vmdeleted, maxcpu, avgcpu, p95maxcpu, vmcategory, vmcorecountbucket,
 * vmmemorybucket); times in seconds; sizes are buckets. The open-ended buckets ">24" cores and
 * ">64" GB read as 32 cores and 128 GB (the next power of two; docs/traces.md).
 */
import { bad, numberOf, row, type RowOutcome, type TraceCreate } from "./trace-event.js";

// Maps, not objects: a bucket named "constructor" must be unknown, not Object's.
const CORES: ReadonlyMap<string, number> = new Map([["2", 2], ["4", 4], ["8", 8], ["24", 24], [">24", 32]]);
const MEMORY_GB: ReadonlyMap<string, number> = new Map([["2", 2], ["4", 4], ["8", 8], ["32", 32], ["64", 64], [">64", 128]]);
const COLUMNS = 11;

/** Comma positions of the row being read (parsing reuses one array: the replay of 1M rows reads each row twice). */
const commas = new Int32Array(COLUMNS - 1);

/** One vmtable row → a create event ending at vmdeleted. */
export function parseAzureV2(line: string): RowOutcome {
  let n = 0;
  for (let i = line.indexOf(","); i >= 0; i = line.indexOf(",", i + 1)) {
    if (n < COLUMNS - 1) commas[n] = i;
    n++;
  }
  if (n !== COLUMNS - 1) return bad(`expected ${COLUMNS} comma-separated columns (vmtable.csv), got ${n + 1}`);
  const field = (k: number): string => line.slice(k === 0 ? 0 : commas[k - 1]! + 1, k === COLUMNS - 1 ? line.length : commas[k]);
  const start = numberOf(field(3));
  const end = numberOf(field(4));
  if (start === undefined) return bad(`vmcreated is not a number: "${field(3)}"`);
  if (end === undefined) return bad(`vmdeleted is not a number: "${field(4)}"`);
  if (end < start) return bad(`vmdeleted ${end} is before vmcreated ${start}`);
  const cores = CORES.get(field(9).trim());
  if (cores === undefined) return bad(`unknown core bucket "${field(9)}"; buckets: ${[...CORES.keys()].join(", ")}`);
  const gb = MEMORY_GB.get(field(10).trim());
  if (gb === undefined) return bad(`unknown memory bucket "${field(10)}"; buckets: ${[...MEMORY_GB.keys()].join(", ")}`);
  return row({ kind: "create", id: field(0), timeS: start, endS: end, vcpus: cores, ramMb: gb * 1024, flavour: undefined, tenant: field(1), group: field(2) });
}

const bucketOf = (table: ReadonlyMap<string, number>, value: number): string => [...table].find(([, v]) => v === value)?.[0] ?? String(value);

/** A create event as a vmtable row (sizes must be bucket values; utilisation columns are zero). */
export function writeAzureV2(e: TraceCreate): string {
  return [e.id, e.tenant, e.group, e.timeS, e.endS ?? e.timeS, 0, 0, 0, "Unknown", bucketOf(CORES, e.vcpus), bucketOf(MEMORY_GB, (e.ramMb ?? 0) / 1024)].join(",");
}
