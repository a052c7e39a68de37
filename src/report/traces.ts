/**
 * The "Replayed traces" section of report.md (issue 19): per trace what was read, kept and requested,
 * then the size → flavour mapping table (how many rows mapped to which flavour, exact size or none).
 * Only for runs whose summary has `traces`; its JSON Schema is TRACES_SCHEMA.
 */
import type { RunResult } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";
import { closed, int, mapOf, share, str, type Schema } from "./schema-parts.js";

type Summary = RunResult["summary"];

/** The section's lines; [] when the run replays no trace. */
export function tracesMarkdown(s: Summary): string[] {
  const traces = s.traces;
  if (traces === undefined) return [];
  const ids = Object.keys(traces).sort();
  const lines = [
    "",
    "## Replayed traces",
    "",
    "| trace | file | format | lines read | creates | deletes | thinned out | unmapped | bad rows skipped | requests (copies × keep) |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const id of ids) {
    const t = traces[id]!;
    lines.push(mdRow([id, t.file, t.format, t.linesRead, t.creates, t.deletes, t.rowsThinnedOut, t.rowsUnmapped, t.badRowsSkipped, `${t.requests} (${t.copies} × ${t.keepProbability.toFixed(3)})`]));
  }
  lines.push("", "| trace | size in the trace | flavour | rows |", "|---|---|---|---:|");
  for (const id of ids) for (const m of traces[id]!.mapping) lines.push(mdRow([id, m.size, m.flavour, m.rows]));
  return lines;
}

const mappingRow = closed({ size: str, flavour: { type: "string", description: "a model flavour, exact-<vcpus>c-<ram>mb for an exact size, or none (no flavour fits: the rows are skipped)" }, rows: int });

/** summary.json's `traces`: trace id → its figures. */
export const TRACES_SCHEMA: Schema = mapOf(
  closed({
    file: str,
    format: { type: "string", enum: ["alibaba", "azure-packing", "azure-v2", "csv", "huawei", "swf"] },
    linesRead: { ...int, description: "lines read, headers and comments included (reading stops at the window's end or the horizon)" },
    badRowsSkipped: { ...int, description: "malformed rows skipped (run --skip-bad-rows)" },
    rowsBeforeWindow: int,
    rowsAliveAtStart: { ...int, description: "rows before the window started at time 0 (timeWindow.aliveAtStart), deletes included" },
    rowsOtherTenants: int,
    creates: int,
    deletes: int,
    rowsThinnedOut: { ...int, description: "create rows no copy kept" },
    rowsUnmapped: { ...int, description: "create rows no flavour fits (skipped)" },
    requests: { ...int, description: "requests made: one per kept copy of a row" },
    copies: int,
    keepProbability: share,
    mapping: { type: "array", items: mappingRow, description: "trace size → flavour with its row count, sorted by vCPUs, RAM, then flavour (named flavours last)" },
  }),
  "trace id → rows read, kept, requested, and the size → flavour mapping (workload.traces)",
);
