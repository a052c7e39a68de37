/**
 * Standard Workload Format: `;` comment lines, then 18 whitespace-separated fields per job (job,
 * submit, wait, run, allocated procs, avg CPU, used mem, requested procs, requested time, requested
 * mem, status, user, group, app, queue, partition, preceding job, think time); −1 = unknown; times
 * in seconds; memory in KB per processor. A job is a server of `procs` vCPUs created at submit and
 * living its run time (unknown run time: until the end of the run).
 */
import { bad, ceilMb, numberOf, row, SKIP, type RowOutcome, type TraceCreate } from "./trace-event.js";

const FIELDS = 18;

/** One job line → a create event; comments and blank lines read as nothing. */
export function parseSwf(line: string): RowOutcome {
  const t = line.trim();
  if (t === "" || t.startsWith(";")) return SKIP;
  const f = t.split(/\s+/);
  if (f.length !== FIELDS) return bad(`expected ${FIELDS} whitespace-separated fields (SWF), got ${f.length}`);
  const n = f.map((x) => numberOf(x));
  const at = n.findIndex((x) => x === undefined);
  if (at >= 0) return bad(`field ${at + 1} is not a number: "${f[at]}"`);
  const [, submit, , run, allocated, , usedMem, requested, , requestedMem] = n as number[];
  const procs = requested! > 0 ? requested! : allocated!;
  if (!(procs > 0)) return bad("neither requested nor allocated processors are known (both −1 or 0)");
  if (submit! < 0) return bad(`submit time is negative: ${submit}`);
  const kbPerProc = requestedMem! > 0 ? requestedMem! : usedMem!;
  const ramMb = kbPerProc > 0 ? ceilMb((kbPerProc * procs) / 1024) : undefined;
  return row({ kind: "create", id: f[0]!, timeS: submit!, endS: run! >= 0 ? submit! + run! : undefined, vcpus: procs, ramMb, flavour: undefined, tenant: f[11]!, group: f[12]! });
}

/** A create event as an SWF job line (memory as requested KB per processor). */
export function writeSwf(e: TraceCreate): string {
  const run = e.endS === undefined ? -1 : e.endS - e.timeS;
  const kb = e.ramMb === undefined ? -1 : (e.ramMb * 1024) / e.vcpus;
  return [e.id, e.timeS, 0, run, e.vcpus, -1, -1, e.vcpus, -1, kb, 1, e.tenant, e.group, -1, -1, -1, -1, -1].join(" ");
}
