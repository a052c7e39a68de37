/**
 * Azure Packing 2020: a SQLite database with the tables vm (vmId, tenantId, vmTypeId, priority,
 * starttime, endtime) and vmType (id, vmTypeId, machineId, core, memory, hdd, ssd, nic). Times are in
 * fractional days (a negative starttime: alive before the collection began; endtime NULL: still
 * alive at its end); core and memory are FRACTIONS of a machine of type machineId, so a size needs
 * the machine's vCPUs and memory (the trace spec's `machine`). A vmTypeId has one vmType row per
 * machine type it can run on: the spec's `machine.id` picks one, else the lowest machineId.
 *
 * The edge (lib/sqlite-lines.ts) reads the database with sql.js and hands each vm row over as one
 * line, ordered by starttime then vmId, so the rest of the trace path (TraceReader, the pre-run check,
 * line numbers = row positions in that order) is the same as for text formats:
 *   vmId,tenantId,vmTypeId,priority,starttime,endtime,machines
 * where endtime is empty for NULL and machines lists the vmTypeId's rows as machineId:core:memory
 * joined by ";" (empty when vmType has no row for it).
 */
import { bad, ceilMb, numberOf, row, type RowOutcome, type TraceCreate } from "./trace-event.js";

/** The machine whose fractions sizes are of: its vmType.machineId (undefined: the lowest per type) and size. */
export interface PackingMachine {
  readonly id: number | undefined;
  readonly vcpus: number;
  readonly memoryGb: number;
}

export const SECONDS_PER_DAY = 86_400;
const COLUMNS = 7;

/** A parser of the row lines for machines of `machine` (undefined: every row is bad, naming the option). */
export function azurePackingParser(machine: PackingMachine | undefined): (line: string) => RowOutcome {
  return (line) => {
    if (machine === undefined) return bad("the azure-packing format needs the trace's machine: { vcpus, memoryGb } (sizes are fractions of a machine)");
    const f = line.split(",");
    if (f.length !== COLUMNS) return bad(`expected ${COLUMNS} fields (vm row with its vmType machines), got ${f.length}`);
    const start = numberOf(f[4]);
    if (start === undefined) return bad(`starttime is not a number of days: "${f[4]}"`);
    const end = f[5] === "" ? undefined : numberOf(f[5]);
    if (f[5] !== "" && end === undefined) return bad(`endtime is not a number of days: "${f[5]}"`);
    if (end !== undefined && end < start) return bad(`endtime ${end} is before starttime ${start}`);
    const fractions = machineFractions(f[6]!, machine.id);
    if (typeof fractions === "string") return bad(`vmTypeId ${f[2]}: ${fractions}`);
    const [core, memory] = fractions;
    return row({
      kind: "create", id: f[0]!, timeS: start * SECONDS_PER_DAY, endS: end === undefined ? undefined : end * SECONDS_PER_DAY,
      vcpus: Math.max(1, Math.ceil(core * machine.vcpus - 1e-9)), ramMb: ceilMb(memory * machine.memoryGb * 1024), flavour: undefined, tenant: f[1]!, group: "",
    });
  };
}

/** The (core, memory) fractions of the chosen machine among "id:core:memory;…", or what is wrong. */
function machineFractions(text: string, wanted: number | undefined): [number, number] | string {
  if (text === "") return "no vmType row";
  let best: [number, number, number] | undefined;
  for (const entry of text.split(";")) {
    const [idText, coreText, memoryText] = entry.split(":");
    const id = numberOf(idText);
    const core = numberOf(coreText);
    const memory = numberOf(memoryText);
    if (id === undefined || core === undefined || memory === undefined) return `vmType row "${entry}" is not machineId:core:memory numbers`;
    if (core <= 0 || core > 1 || memory < 0 || memory > 1) return `vmType core ${core} and memory ${memory} must be fractions of a machine (core in (0, 1], memory in [0, 1])`;
    if (wanted !== undefined ? id === wanted : best === undefined || id < best[0]) best = [id, core, memory];
  }
  if (best === undefined) return `no vmType row for machineId ${wanted}`;
  return [best[1], best[2]];
}

/** A create event as a row line on one machine type (id 0 unless given), sizes as its fractions. */
export function writeAzurePackingRow(e: TraceCreate, machine: PackingMachine): string {
  const end = e.endS === undefined ? "" : String(e.endS / SECONDS_PER_DAY);
  const machines = `${machine.id ?? 0}:${e.vcpus / machine.vcpus}:${(e.ramMb ?? 0) / 1024 / machine.memoryGb}`;
  return [e.id, e.tenant, `t${e.id}`, 0, e.timeS / SECONDS_PER_DAY, end, machines].join(",");
}
