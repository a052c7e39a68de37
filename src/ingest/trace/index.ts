/** Demand traces: formats, one-pass reading, size mapping (no I/O: lines come from a LineSource). */
export { memoryLines, textLineSource, type LineSource, type OpenLines } from "./line-source.js";
export { TRACE_FORMATS, type RowOutcome, type TraceCreate, type TraceDelete, type TraceEvent, type TraceFormatName } from "./trace-event.js";
export { DEFAULT_MACHINE_RAM_GB, rowParser, writeTrace, type FormatOptions } from "./formats.js";
export { CSV_COLUMNS } from "./generic-csv.js";
export { SECONDS_PER_DAY, type PackingMachine } from "./azure-packing.js";
export { TraceReader, type ReadStep, type TraceCounts, type TraceReadOptions } from "./trace-reader.js";
export { exactFlavourId, MappingTable, sizeLabel, smallestFirst, smallestFitting, type FlavourSize, type MappingRow, type SizeMapping } from "./size-mapping.js";
