/**
 * nova.conf's scheduler settings as the scenario's placement policy: enabled_filters to the twin's
 * filters, the weigher multipliers to its weighers; what the twin does not model is a note. The
 * allocation ratios and reserved amounts are informational: Placement's inventories already hold the
 * values the computes reported, and the model is built from those.
 */
import { cpuSetSize, listOption, MAPPED_OPTIONS, numberOption, type NovaConf } from "./nova-conf.js";
import type { Notes } from "./notes.js";

/** Nova filter class → twin filter. */
const FILTER_MAP: Readonly<Record<string, string>> = {
  ComputeFilter: "host-state",
  AvailabilityZoneFilter: "availability-zone",
  AggregateInstanceExtraSpecsFilter: "aggregate-metadata",
  ServerGroupAntiAffinityFilter: "anti-affinity",
  ServerGroupAffinityFilter: "affinity",
};

/**
 * Filters every imported policy has, whatever enabled_filters says: forced hosts, and what Placement
 * itself checks before the filters run (capacity with unit rules, availability zone since Nova's
 * placement pre-filter, traits). The twin's order: host lists, host state, zone, metadata, capacity, groups.
 */
const ALWAYS = ["host-list", "availability-zone", "capacity"];
const ORDER = ["host-list", "host-state", "availability-zone", "aggregate-metadata", "capacity", "anti-affinity", "affinity"];

/** Nova's weigher multiplier options → twin weigher (all default to 1.0 in Nova). */
const WEIGHERS: ReadonlyArray<readonly [string, string]> = [
  ["filter_scheduler.ram_weight_multiplier", "ram"],
  ["filter_scheduler.cpu_weight_multiplier", "cpu"],
  ["filter_scheduler.disk_weight_multiplier", "disk"],
  ["filter_scheduler.soft_affinity_weight_multiplier", "soft-affinity"],
  ["filter_scheduler.soft_anti_affinity_weight_multiplier", "soft-anti-affinity"],
];

/** The scenario's `placement.policy` for `conf` (undefined conf: Nova's defaults, the twin's spread prefab). */
export function mapScheduler(conf: NovaConf | undefined, notes: Notes): unknown {
  if (conf === undefined) {
    notes.add("nova.conf", "(none)", "no --nova-conf: the scenario uses the spread policy (Nova's default RAM weigher)");
    return "spread";
  }
  for (const p of conf.problems) notes.add("nova.conf", p, "not an INI line; ignored");
  const enabled = listOption(conf, "filter_scheduler.enabled_filters");
  const filters = new Set(ALWAYS);
  if (enabled === undefined) ["host-state", "anti-affinity", "affinity"].forEach((f) => filters.add(f));
  for (const name of enabled ?? []) {
    const twin = FILTER_MAP[name];
    if (twin !== undefined) filters.add(twin);
    else if (name === "PciPassthroughFilter") notes.add("nova.conf", `enabled_filters ${name}`, "the twin checks devices with its accelerator filter, added whenever the model has devices");
    else notes.add("nova.conf", `enabled_filters ${name}`, "a Nova filter the twin does not model; not mapped");
  }
  const weighers = WEIGHERS.map(([option, name]) => {
    const m = numberOption(conf, option);
    if (m !== undefined && !Number.isFinite(m)) notes.add("nova.conf", option, `not a number (${conf.options[option]}); Nova's default 1.0 is used`);
    return { name, multiplier: m !== undefined && Number.isFinite(m) ? m : 1 };
  }).filter((w) => w.multiplier !== 0);
  informational(conf, notes);
  return { name: "spread", filters: ORDER.filter((f) => filters.has(f)), weighers };
}

/** Options read but not (or only partly) turned into the scenario, each with the reason. */
function informational(conf: NovaConf, notes: Notes): void {
  const say = (option: string, reason: string) => {
    if (conf.options[option] !== undefined) notes.add("nova.conf", `${option} = ${conf.options[option]}`, reason);
  };
  for (const key of ["cpu", "ram", "disk"]) {
    say(`DEFAULT.${key}_allocation_ratio`, "Placement's inventories already carry the ratio each compute reported; the model uses those");
    say(`DEFAULT.initial_${key}_allocation_ratio`, "applies to computes that report no ratio; Placement's inventories already carry the ratio in force");
  }
  for (const key of ["cpus", "memory_mb", "disk_mb"]) say(`DEFAULT.reserved_host_${key}`, "Placement's inventories already carry the reserved amounts; the model uses those");
  const size = numberOption(conf, "filter_scheduler.host_subset_size");
  if (size !== undefined && size !== 1) say("filter_scheduler.host_subset_size", "the twin always takes the best host (host_subset_size 1); a random choice among the best is not modelled");
  say("scheduler.max_attempts", "the twin does not reschedule a failed build on alternates");
  for (const set of ["compute.cpu_dedicated_set", "compute.cpu_shared_set"]) {
    const n = conf.options[set] === undefined ? undefined : cpuSetSize(conf.options[set]);
    say(set, n === undefined ? "not a CPU set nfvtwin can read; Placement's PCPU/VCPU inventories are used" : `${n} CPUs; Placement's ${set.endsWith("dedicated_set") ? "PCPU" : "VCPU"} inventories are used`);
  }
  const mapped = new Set<string>(MAPPED_OPTIONS);
  for (const option of Object.keys(conf.options)) {
    if (mapped.has(option)) continue;
    if (option.startsWith("filter_scheduler.") || option.startsWith("scheduler.") || /allocation_ratio|reserved_host/.test(option)) {
      notes.add("nova.conf", `${option} = ${conf.options[option]}`, "a scheduling option the twin does not model; not mapped");
    }
  }
}
