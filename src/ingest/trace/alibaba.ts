/**
 * Alibaba cluster-trace-v2018 `container_meta.csv`: no header, 8 columns (container_id, machine_id,
 * time_stamp, app_du, status, cpu_request, cpu_limit, mem_size); a container appears on several rows
 * (its snapshots). The first row of a container creates it; it lives until the end of the run.
 * cpu_request is in 1/100 core; mem_size is a percentage of a machine of `machineRamGb`.
 */
import { bad, ceilMb, numberOf, row, SKIP, type RowOutcome, type TraceCreate } from "./trace-event.js";

/**
 * A parser over one pass of the file: it remembers which containers it has seen (memory grows with
 * the number of containers, not of rows).
 */
export function alibabaParser(machineRamGb: number): (line: string) => RowOutcome {
  const seen = new Set<string>();
  return (line) => {
    const f = line.split(",");
    if (f.length !== 8) return bad(`expected 8 comma-separated columns (container_meta.csv), got ${f.length}`);
    const time = numberOf(f[2]);
    if (time === undefined) return bad(`time_stamp is not a number: "${f[2]}"`);
    const cpu = numberOf(f[5]);
    if (cpu === undefined || cpu <= 0) return bad(`cpu_request is not a positive number (1/100 core): "${f[5]}"`);
    const mem = numberOf(f[7]);
    if (mem === undefined || mem < 0 || mem > 100) return bad(`mem_size is not a percentage 0..100: "${f[7]}"`);
    const id = f[0]!.trim();
    if (seen.has(id)) return SKIP;
    seen.add(id);
    const ramMb = ceilMb((mem * machineRamGb * 1024) / 100);
    return row({ kind: "create", id, timeS: time, endS: undefined, vcpus: Math.ceil(cpu / 100), cpuMilli: Math.ceil(cpu * 10 - 1e-9), ramMb, flavour: undefined, tenant: f[3]!.trim(), group: f[3]!.trim() });
  };
}

/** A create event as a row on a machine of `machineRamGb` (status "started"). */
export function writeAlibaba(e: TraceCreate, machineRamGb: number): string {
  const mem = ((e.ramMb ?? 0) / 1024 / machineRamGb) * 100;
  return [e.id, "m_1", e.timeS, e.tenant, "started", e.vcpus * 100, e.vcpus * 100, mem].join(",");
}
