/**
 * The scheduling options of a nova.conf (an INI file; option names are Nova's, see inputs.md §1).
 * Every option of the sections nfvtwin reads is kept as text, so the import report can list what it
 * mapped and what it did not; unknown sections are ignored (they do not change scheduling).
 */

/** The sections whose options change where servers go. */
const SECTIONS = ["DEFAULT", "filter_scheduler", "scheduler", "compute"] as const;

/** The options the importer maps (section.option); every other option of SECTIONS is reported as not mapped. */
export const MAPPED_OPTIONS = [
  "DEFAULT.cpu_allocation_ratio",
  "DEFAULT.ram_allocation_ratio",
  "DEFAULT.disk_allocation_ratio",
  "DEFAULT.initial_cpu_allocation_ratio",
  "DEFAULT.initial_ram_allocation_ratio",
  "DEFAULT.initial_disk_allocation_ratio",
  "DEFAULT.reserved_host_cpus",
  "DEFAULT.reserved_host_memory_mb",
  "DEFAULT.reserved_host_disk_mb",
  "filter_scheduler.enabled_filters",
  "filter_scheduler.ram_weight_multiplier",
  "filter_scheduler.cpu_weight_multiplier",
  "filter_scheduler.disk_weight_multiplier",
  "filter_scheduler.soft_affinity_weight_multiplier",
  "filter_scheduler.soft_anti_affinity_weight_multiplier",
  "filter_scheduler.host_subset_size",
  "scheduler.max_attempts",
  "compute.cpu_dedicated_set",
  "compute.cpu_shared_set",
] as const;

export interface NovaConf {
  /** section.option → value, for the sections nfvtwin reads (last one wins, as oslo.config). */
  readonly options: Readonly<Record<string, string>>;
  /** Lines that are not `[section]`, `key = value`, a comment or blank: "line N: text". */
  readonly problems: readonly string[];
}

/** Parses nova.conf text (comments `#`/`;`, continuation lines are not used by these options). */
export function parseNovaConf(text: string): NovaConf {
  const options: Record<string, string> = {};
  const problems: string[] = [];
  let section = "";
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header !== null) {
      section = header[1]!.trim();
      return;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) {
      problems.push(`line ${i + 1}: not "option = value": ${line.slice(0, 80)}`);
      return;
    }
    if (!(SECTIONS as readonly string[]).includes(section)) return;
    options[`${section}.${line.slice(0, eq).trim()}`] = line.slice(eq + 1).trim();
  });
  return { options: sortedRecord(options), problems };
}

/** A number option, or undefined when absent; NaN when present but not a number (reported by the caller). */
export function numberOption(conf: NovaConf, key: string): number | undefined {
  const text = conf.options[key];
  if (text === undefined) return undefined;
  return text.trim() === "" ? Number.NaN : Number(text);
}

/** A list option (comma separated), or undefined when absent. */
export function listOption(conf: NovaConf, key: string): string[] | undefined {
  const text = conf.options[key];
  return text === undefined ? undefined : text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** CPUs of a Nova CPU set such as "0-3,8,^2" (ranges, singles, exclusions). */
export function cpuSetSize(spec: string): number | undefined {
  const on = new Set<number>();
  const off = new Set<number>();
  for (const part of spec.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
    const m = /^(\^?)(\d+)(?:-(\d+))?$/.exec(part);
    if (m === null) return undefined;
    const from = Number(m[2]);
    const to = m[3] === undefined ? from : Number(m[3]);
    if (to < from) return undefined;
    for (let c = from; c <= to; c++) (m[1] === "^" ? off : on).add(c);
  }
  return [...on].filter((c) => !off.has(c)).length;
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k]!;
  return out;
}
