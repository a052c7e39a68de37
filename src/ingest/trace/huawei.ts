/**
 * Huawei-East-1 (VMAgent): CSV with the header vmid,cpu,memory,time,type; one create (type 0) or
 * delete (type 1) event per row; time in seconds, memory in GB. The trace names no tenant.
 */
import { bad, ceilMb, numberOf, row, SKIP, type RowOutcome, type TraceEvent } from "./trace-event.js";

export const HUAWEI_HEADER = "vmid,cpu,memory,time,type";

/** One row → a create or delete event; the header line reads as nothing. */
export function parseHuawei(line: string): RowOutcome {
  if (line.replace(/\s/g, "") === HUAWEI_HEADER) return SKIP;
  const f = line.split(",");
  if (f.length !== 5) return bad(`expected 5 comma-separated columns (${HUAWEI_HEADER}), got ${f.length}`);
  const time = numberOf(f[3]);
  if (time === undefined) return bad(`time is not a number: "${f[3]}"`);
  const type = f[4]!.trim();
  if (type === "1") return row({ kind: "delete", id: f[0]!.trim(), timeS: time });
  if (type !== "0") return bad(`type must be 0 (create) or 1 (delete), got "${f[4]}"`);
  const cpu = numberOf(f[1]);
  const memoryGb = numberOf(f[2]);
  if (cpu === undefined || cpu <= 0) return bad(`cpu is not a positive number: "${f[1]}"`);
  if (memoryGb === undefined || memoryGb < 0) return bad(`memory is not a number of GB: "${f[2]}"`);
  return row({ kind: "create", id: f[0]!.trim(), timeS: time, endS: undefined, vcpus: Math.ceil(cpu), ramMb: ceilMb(memoryGb * 1024), flavour: undefined, tenant: "", group: "" });
}

/** An event as a row (memory in GB). */
export function writeHuawei(e: TraceEvent): string {
  return e.kind === "delete" ? `${e.id},0,0,${e.timeS},1` : `${e.id},${e.vcpus},${(e.ramMb ?? 0) / 1024},${e.timeS},0`;
}
