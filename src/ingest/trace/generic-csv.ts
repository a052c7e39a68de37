/**
 * The generic trace: CSV with a header naming its columns, in any order. `time` (seconds) and either
 * `flavour` or `vcpus` (with `ramMb`, optional) are required; `lifetime` or `end` (seconds) say when
 * the server ends (neither: it lives until the end of the run); `tenant`, `group` and `id` are
 * optional. Lines starting with `#` are comments.
 */
import { bad, numberOf, row, SKIP, type RowOutcome, type TraceCreate } from "./trace-event.js";

export const CSV_COLUMNS = ["time", "id", "flavour", "vcpus", "ramMb", "lifetime", "end", "tenant", "group"] as const;
type Column = (typeof CSV_COLUMNS)[number];
type Header = Partial<Record<Column, number>>;

/** Checks a header line: the column positions, or what is wrong with it. */
function readHeader(line: string): Header | string {
  const names = line.split(",").map((s) => s.trim());
  const header: Header = {};
  for (const [i, name] of names.entries()) {
    if (!(CSV_COLUMNS as ReadonlyArray<string>).includes(name)) return `unknown column "${name}" in the header; columns: ${CSV_COLUMNS.join(", ")}`;
    if (header[name as Column] !== undefined) return `column "${name}" appears twice in the header`;
    header[name as Column] = i;
  }
  if (header.time === undefined) return "the header has no time column";
  if ((header.flavour === undefined) === (header.vcpus === undefined)) return "the header needs exactly one of flavour or vcpus";
  if (header.lifetime !== undefined && header.end !== undefined) return "the header has both lifetime and end; give one";
  return header;
}

/** A parser over one pass of the file: the first line that is not a comment is the header. */
export function csvParser(): (line: string) => RowOutcome {
  let header: Header | undefined;
  let rows = 0;
  let width = 0;
  return (line) => {
    if (line.trim() === "" || line.startsWith("#")) return SKIP;
    if (header === undefined) {
      const read = readHeader(line);
      if (typeof read === "string") return bad(read);
      header = read;
      width = line.split(",").length;
      return SKIP;
    }
    const f = line.split(",");
    if (f.length !== width) return bad(`expected ${width} comma-separated columns (as the header), got ${f.length}`);
    return csvRow(header, f, ++rows);
  };
}

function csvRow(h: Header, f: ReadonlyArray<string>, rowNo: number): RowOutcome {
  const get = (c: Column): string | undefined => (h[c] === undefined ? undefined : f[h[c]]!.trim());
  const time = numberOf(get("time"));
  if (time === undefined) return bad(`time is not a number: "${get("time")}"`);
  const flavour = get("flavour");
  if (flavour === "") return bad("flavour is empty");
  const vcpus = h.vcpus === undefined ? 0 : numberOf(get("vcpus"));
  if (vcpus === undefined || (h.vcpus !== undefined && vcpus <= 0)) return bad(`vcpus is not a positive number: "${get("vcpus")}"`);
  const ramText = get("ramMb");
  const ramMb = ramText === undefined || ramText === "" ? undefined : numberOf(ramText);
  if (ramText !== undefined && ramText !== "" && (ramMb === undefined || ramMb < 0)) return bad(`ramMb is not a number: "${ramText}"`);
  let endS: number | undefined;
  for (const c of ["lifetime", "end"] as const) {
    const text = get(c);
    if (text === undefined || text === "") continue;
    const v = numberOf(text);
    if (v === undefined) return bad(`${c} is not a number: "${text}"`);
    endS = c === "end" ? v : time + v;
    if (endS < time) return bad(c === "end" ? `end ${v} is before time ${time}` : `lifetime ${v} is negative`);
  }
  const id = get("id") ?? `row${rowNo}`;
  return row({ kind: "create", id, timeS: time, endS, vcpus, ramMb, flavour, tenant: get("tenant") ?? "", group: get("group") ?? "" });
}

/** The header the writer uses. */
export const CSV_WRITE_HEADER = "time,id,vcpus,ramMb,lifetime,tenant,group";

/** A create event as a row under CSV_WRITE_HEADER. */
export function writeCsv(e: TraceCreate): string {
  return [e.timeS, e.id, e.vcpus, e.ramMb ?? "", e.endS === undefined ? "" : e.endS - e.timeS, e.tenant, e.group].join(",");
}
