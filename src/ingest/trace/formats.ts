/**
 * The trace formats by name: a fresh row parser per pass over a file (some keep state: a header, the
 * containers seen), and a writer for samples, tests and benchmarks.
 */
import { alibabaParser, writeAlibaba } from "./alibaba.js";
import { azurePackingParser, writeAzurePackingRow, type PackingMachine } from "./azure-packing.js";
import { parseAzureV2, writeAzureV2 } from "./azure-v2.js";
import { CSV_WRITE_HEADER, csvParser, writeCsv } from "./generic-csv.js";
import { HUAWEI_HEADER, parseHuawei, writeHuawei } from "./huawei.js";
import { parseSwf, writeSwf } from "./swf.js";
import type { RowOutcome, TraceEvent, TraceFormatName } from "./trace-event.js";

export interface FormatOptions {
  /** Alibaba: the memory of a machine, which mem_size is a percentage of (default 100 GB). */
  readonly machineRamGb?: number;
  /** Azure Packing: the machine whose fractions the vmType sizes are (required by that format). */
  readonly machine?: PackingMachine | undefined;
}

export const DEFAULT_MACHINE_RAM_GB = 100;

/** A row parser for one pass over a trace of `format`. */
export function rowParser(format: TraceFormatName, options: FormatOptions = {}): (line: string) => RowOutcome {
  switch (format) {
    case "azure-v2":
      return parseAzureV2;
    case "azure-packing":
      return azurePackingParser(options.machine);
    case "huawei":
      return parseHuawei;
    case "alibaba":
      return alibabaParser(options.machineRamGb ?? DEFAULT_MACHINE_RAM_GB);
    case "swf":
      return parseSwf;
    case "csv":
      return csvParser();
  }
}

/** The text of a trace of `format` holding `events` in order (header or comment included). */
export function writeTrace(format: TraceFormatName, events: ReadonlyArray<TraceEvent>, options: FormatOptions = {}): string {
  const creates = (f: (e: Extract<TraceEvent, { kind: "create" }>) => string) => (e: TraceEvent) => {
    if (e.kind !== "create") throw new Error(`the ${format} format has no delete events`);
    return f(e);
  };
  const lines: Record<TraceFormatName, () => string[]> = {
    "azure-v2": () => events.map(creates(writeAzureV2)),
    // The SQLite reader's row lines (lib/sqlite-lines.ts), not a database: tests build those with sql.js.
    "azure-packing": () => events.map(creates((e) => writeAzurePackingRow(e, options.machine ?? { id: 0, vcpus: 1, memoryGb: 1 }))),
    huawei: () => [HUAWEI_HEADER, ...events.map(writeHuawei)],
    alibaba: () => events.map(creates((e) => writeAlibaba(e, options.machineRamGb ?? DEFAULT_MACHINE_RAM_GB))),
    swf: () => ["; Version: 2.2", "; written by nfvtwin", ...events.map(creates(writeSwf))],
    csv: () => [CSV_WRITE_HEADER, ...events.map(creates(writeCsv))],
  };
  return lines[format]().map((l) => `${l}\n`).join("");
}
