/**
 * Azure Packing 2020 databases for tests and the shipped sample: the two tables of the dataset
 * written with sql.js from create events, one vmType per size on one machine type (sizes as
 * fractions of that machine), times in days.
 */
import initSqlJs from "sql.js";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { SECONDS_PER_DAY, type PackingMachine, type TraceCreate } from "../ingest/index.js";

const SCHEMA = [
  // Small pages keep the shipped sample small (a few KB instead of 4 KB per table and index).
  "PRAGMA page_size = 1024",
  "CREATE TABLE vm (vmId INTEGER, tenantId INTEGER, vmTypeId INTEGER, priority INTEGER, starttime REAL, endtime REAL)",
  "CREATE TABLE vmType (id INTEGER, vmTypeId INTEGER, machineId INTEGER, core REAL, memory REAL, hdd REAL, ssd REAL, nic REAL)",
];

/** One vm row: times in days (endtime null = still alive), its type's fractions on machine `machineId`. */
export interface PackingRow {
  readonly vmId: number;
  readonly tenantId: number;
  readonly vmTypeId: number;
  readonly priority: number;
  readonly startDays: number;
  readonly endDays: number | null;
}

/** A vmType row: fractions of machine `machineId`. */
export interface PackingType {
  readonly vmTypeId: number;
  readonly machineId: number;
  readonly core: number;
  readonly memory: number;
}

/** The bytes of a database holding `vms` and `types` (rows inserted in the order given). */
export async function packingDatabase(vms: ReadonlyArray<PackingRow>, types: ReadonlyArray<PackingType>): Promise<Uint8Array> {
  const SQL = await initSqlJs({ wasmBinary: readFileSync(createRequire(import.meta.url).resolve("sql.js/dist/sql-wasm.wasm")) });
  const db = new SQL.Database();
  for (const s of SCHEMA) db.run(s);
  const vm = db.prepare("INSERT INTO vm VALUES (?, ?, ?, ?, ?, ?)");
  for (const r of vms) vm.run([r.vmId, r.tenantId, r.vmTypeId, r.priority, r.startDays, r.endDays]);
  vm.free();
  const ty = db.prepare("INSERT INTO vmType VALUES (?, ?, ?, ?, ?, 0, 0, 0)");
  types.forEach((t, i) => ty.run([i + 1, t.vmTypeId, t.machineId, t.core, t.memory]));
  ty.free();
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Creates (numeric ids and tenants) as vm rows, one vmType per size on `machine`. */
export function packingRowsOf(creates: ReadonlyArray<TraceCreate>, machine: PackingMachine): { vms: PackingRow[]; types: PackingType[] } {
  // One vmType per distinct size, numbered in order of first use.
  const typeOf = new Map<string, number>();
  const types: PackingType[] = [];
  const vms = creates.map((e, i) => {
    const key = `${e.vcpus}/${e.ramMb ?? 0}`;
    let vmTypeId = typeOf.get(key);
    if (vmTypeId === undefined) {
      vmTypeId = typeOf.size + 1;
      typeOf.set(key, vmTypeId);
      types.push({ vmTypeId, machineId: machine.id ?? 0, core: e.vcpus / machine.vcpus, memory: (e.ramMb ?? 0) / 1024 / machine.memoryGb });
    }
    return { vmId: Number(e.id), tenantId: Number(e.tenant), vmTypeId, priority: i % 2, startDays: e.timeS / SECONDS_PER_DAY, endDays: e.endS === undefined ? null : e.endS / SECONDS_PER_DAY };
  });
  return { vms, types };
}
