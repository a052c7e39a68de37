/**
 * Azure Packing 2020 traces are SQLite databases, read with sql.js (SQLite compiled to WebAssembly:
 * no native build). sql.js opens a database from its bytes, so the FILE is read into memory whole;
 * the rows are not: a prepared statement walks the vm table in starttime order and each row becomes
 * one line (ingest/trace/azure-packing.ts) when the replay pulls it, so the trace path is the text
 * formats' (TraceReader, the pre-run check, bad rows at file:row).
 *
 * sql.js starts asynchronously (it compiles its WebAssembly module) while a LineSource is
 * synchronous: `loadSqliteEngine()` must have resolved before a database is opened. The CLI awaits
 * it only when a scenario replays an azure-packing trace; library users call it themselves.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Database, SqlJsStatic, SqlValue, Statement } from "sql.js";
import type { LineSource, OpenLines, TraceFormatName } from "../ingest/index.js";
import type { RunSpec } from "../scenario/index.js";
import { fileLines } from "./file-lines.js";

let engine: SqlJsStatic | undefined;
let loading: Promise<void> | undefined;

/** Starts sql.js once (later calls share the first); resolves when SQLite databases can be opened. */
export function loadSqliteEngine(): Promise<void> {
  loading ??= (async () => {
    const { default: initSqlJs } = await import("sql.js");
    const wasm = readFileSync(createRequire(import.meta.url).resolve("sql.js/dist/sql-wasm.wasm"));
    engine = await initSqlJs({ wasmBinary: wasm });
  })();
  return loading;
}

/** Has loadSqliteEngine() resolved? */
export const sqliteEngineStarted = (): boolean => engine !== undefined;

/** Does reading a trace of `format` need loadSqliteEngine() first? */
export const needsSqliteEngine = (format: TraceFormatName): boolean => format === "azure-packing";

/** Does some trace of `spec` (its variants and sweep points included) need loadSqliteEngine() first? */
export function specNeedsSqliteEngine(spec: RunSpec): boolean {
  const all = [spec, ...spec.variants.map((v) => v.spec), ...(spec.sweep?.points ?? []).map((p) => p.spec)];
  return all.some((s) => (s.traces ?? []).some((t) => needsSqliteEngine(t.format)));
}

/** Opens a trace by path in its format's way: a SQLite database for azure-packing, else lines of text. */
export const traceLines: OpenLines = (path, format) => (format !== undefined && needsSqliteEngine(format) ? sqliteLines(path) : fileLines(path));

const VM_TYPES = "SELECT vmTypeId, machineId, core, memory FROM vmType ORDER BY vmTypeId, machineId";
const VMS = "SELECT vmId, tenantId, vmTypeId, priority, starttime, endtime FROM vm ORDER BY starttime, vmId";

/** The vm rows of an Azure Packing database at `path` as row lines, or why it cannot be read. */
export const sqliteLines: OpenLines = (path) => {
  if (engine === undefined) return { error: "the SQLite engine is not started (await loadSqliteEngine() before opening azure-packing traces)" };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String(code ?? e) };
  }
  let db: Database | undefined;
  try {
    db = new engine.Database(bytes);
    return rowLines(db, machinesByType(db));
  } catch (e) {
    db?.close();
    return { error: `not an Azure Packing SQLite database (tables vm and vmType): ${e instanceof Error ? e.message : String(e)}` };
  }
};

/** vmTypeId → "machineId:core:memory;…" (the vmType table is small: a few hundred rows). */
function machinesByType(db: Database): Map<string, string> {
  const out = new Map<string, string>();
  const st = db.prepare(VM_TYPES);
  try {
    while (st.step()) {
      const [type, machine, core, memory] = st.get();
      const key = text(type);
      const entry = `${text(machine)}:${text(core)}:${text(memory)}`;
      const list = out.get(key);
      out.set(key, list === undefined ? entry : `${list};${entry}`);
    }
  } finally {
    st.free();
  }
  return out;
}

function rowLines(db: Database, machines: ReadonlyMap<string, string>): LineSource {
  let st: Statement | undefined = db.prepare(VMS);
  const close = () => {
    st?.free();
    st = undefined;
    db.close();
  };
  const next = (): string | undefined => {
    if (st === undefined) return undefined;
    if (!st.step()) {
      close();
      return undefined;
    }
    const [vmId, tenantId, vmTypeId, priority, start, end] = st.get();
    return [text(vmId), text(tenantId), text(vmTypeId), text(priority), text(start), end === null ? "" : text(end), machines.get(text(vmTypeId)) ?? ""].join(",");
  };
  return { next, close };
}

/** A value as line text: NULL as "null" (a bad number), commas and separators of the line replaced. */
function text(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof Uint8Array) return "blob";
  return String(v).replace(/[,;:\n\r]/g, "_");
}
