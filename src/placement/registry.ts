/**
 * The registry of named policy parts and prefab policies (style rule 7: policies are data).
 *
 * Model. A scenario names a policy — a prefab name such as "spread", or a spec
 * `{ name?, filters?, weighers?: [{ name, multiplier? }] }` that starts from the prefab `name`
 * (default "spread") and replaces its filter list and/or weigher list. Every part is looked up here
 * by name; an unknown name is an INVALID_ARGUMENT that lists the valid names. Prefabs are only
 * compositions of named parts (no hand-written copies), so they are tested by listing their parts.
 *
 * Filters (DEFAULT_FILTERS order is the diagnosis order, first rejecting filter wins):
 *   host-list, host-state, availability-zone, aggregate-metadata, capacity, anti-affinity, affinity;
 *   "accelerator" is added automatically when the cloud has accelerators (withAcceleratorFilter),
 *   "traits" when hosts have traits or flavours ask for them (withTraitsFilter).
 * Weighers: ram, cpu, disk (free units of MEMORY_MB, VCPU, DISK_GB), soft-affinity, soft-anti-affinity.
 */
import { didYouMean, domainError, fail, InvariantViolation, type Result } from "../domain/index.js";
import { acceleratorFilter } from "./filters/accelerator.js";
import { affinityFilter } from "./filters/affinity.js";
import { aggregateMetadataFilter } from "./filters/aggregate-metadata.js";
import { antiAffinityFilter } from "./filters/anti-affinity.js";
import { availabilityZoneFilter } from "./filters/availability-zone.js";
import { capacityFilter } from "./filters/capacity.js";
import { hostListFilter } from "./filters/host-list.js";
import { hostStateFilter } from "./filters/host-state.js";
import { traitsFilter } from "./filters/traits.js";
import { makePolicy, type Policy } from "./policy.js";
import type { Filter, Weigher, WeigherUse } from "./types.js";
import { cpuWeigher } from "./weighers/cpu.js";
import { diskWeigher } from "./weighers/disk.js";
import { ramWeigher } from "./weighers/ram.js";
import { softAffinityWeigher } from "./weighers/soft-affinity.js";
import { softAntiAffinityWeigher } from "./weighers/soft-anti-affinity.js";

const byName = <T extends { name: string }>(parts: readonly T[]): ReadonlyMap<string, T> =>
  new Map([...parts].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => [p.name, p] as const));

/** Every filter by name (sorted). */
export const FILTERS: ReadonlyMap<string, Filter> = byName([
  hostListFilter,
  hostStateFilter,
  availabilityZoneFilter,
  aggregateMetadataFilter,
  capacityFilter,
  antiAffinityFilter,
  affinityFilter,
  acceleratorFilter,
  traitsFilter,
]);

/** Every weigher by name (sorted). */
export const WEIGHERS: ReadonlyMap<string, Weigher> = byName([
  ramWeigher,
  cpuWeigher,
  diskWeigher,
  softAffinityWeigher,
  softAntiAffinityWeigher,
]);

/** Nova's default filtering (ComputeFilter, AZ, placement resources, server groups) plus host lists. */
export const DEFAULT_FILTERS: readonly string[] = [
  "host-list",
  "host-state",
  "availability-zone",
  "aggregate-metadata",
  "capacity",
  "anti-affinity",
  "affinity",
];

export interface WeigherSpec {
  readonly name: string;
  /** Default: the weigher's own default (1.0 for every weigher here). */
  readonly multiplier?: number;
}

export interface PrefabPolicy {
  readonly name: string;
  readonly description: string;
  readonly filters: readonly string[];
  readonly weighers: readonly Required<WeigherSpec>[];
}

const SOFT_GROUPS: readonly Required<WeigherSpec>[] = [
  { name: "soft-affinity", multiplier: 1 },
  { name: "soft-anti-affinity", multiplier: 1 },
];

const prefab = (name: string, description: string, weighers: readonly Required<WeigherSpec>[]): PrefabPolicy => ({
  name,
  description,
  filters: DEFAULT_FILTERS,
  weighers,
});

/** The prefab policies, sorted by name. */
export const PREFABS: readonly PrefabPolicy[] = [
  prefab("balanced", "most free VCPU and free RAM, equally weighted", [
    { name: "cpu", multiplier: 1 },
    { name: "ram", multiplier: 1 },
    ...SOFT_GROUPS,
  ]),
  prefab("first-fit", "the lowest host id that passes every filter", []),
  prefab("pack", "least free RAM first (RAM weigher −1.0): consolidation", [{ name: "ram", multiplier: -1 }, ...SOFT_GROUPS]),
  prefab("spread", "most free RAM first (RAM weigher +1.0): Nova's default behaviour", [
    { name: "ram", multiplier: 1 },
    ...SOFT_GROUPS,
  ]),
];

export const DEFAULT_POLICY = "spread";

/** What a scenario may write: a prefab name, or a prefab with its filters and/or weighers replaced. */
export type PolicySpec =
  | string
  | {
      readonly name?: string;
      readonly filters?: readonly string[];
      readonly weighers?: readonly WeigherSpec[];
    };

const invalid = (what: string, name: string, valid: Iterable<string>): Result<never> => {
  const names = [...valid];
  return fail(domainError("INVALID_ARGUMENT", `unknown ${what} '${name}'; ${didYouMean(name, names)}valid: ${names.join(", ")}`));
};

/** Resolves a spec to a policy; unknown names → INVALID_ARGUMENT listing the valid names. */
export function resolvePolicy(spec: PolicySpec): Result<Policy> {
  const s = typeof spec === "string" ? { name: spec } : spec;
  const baseName = s.name ?? DEFAULT_POLICY;
  const base = PREFABS.find((p) => p.name === baseName);
  if (base === undefined) return invalid("policy", baseName, PREFABS.map((p) => p.name));
  const filters: Filter[] = [];
  for (const name of s.filters ?? base.filters) {
    const filter = FILTERS.get(name);
    if (filter === undefined) return invalid("filter", name, FILTERS.keys());
    filters.push(filter);
  }
  const weighers: WeigherUse[] = [];
  for (const w of s.weighers ?? base.weighers) {
    const weigher = WEIGHERS.get(w.name);
    if (weigher === undefined) return invalid("weigher", w.name, WEIGHERS.keys());
    const multiplier = w.multiplier ?? weigher.defaultMultiplier;
    if (weigher.minMultiplier !== undefined && multiplier < weigher.minMultiplier) {
      return fail(domainError("INVALID_ARGUMENT", `weigher ${w.name}: multiplier must be ≥ ${weigher.minMultiplier} (Nova's bound), got ${multiplier}`));
    }
    weighers.push({ weigher, multiplier });
  }
  const custom = s.filters !== undefined || s.weighers !== undefined;
  return makePolicy(custom ? `${baseName}+custom` : baseName, filters, weighers);
}

/** The problem with a spec, or undefined when it resolves (for the scenario checker). */
export function policySpecProblem(spec: PolicySpec): string | undefined {
  const resolved = resolvePolicy(spec);
  return resolved.ok ? undefined : resolved.error.message;
}

/**
 * The policy with the accelerator filter after its capacity filter (or last), unless it already has
 * it: used whenever the cloud has accelerators, so a request with a device profile is always checked.
 */
export function withAcceleratorFilter(policy: Policy): Policy {
  return withFilterAfterCapacity(policy, acceleratorFilter);
}

/**
 * The policy with the traits filter after its capacity filter (or last), unless it already has it:
 * used whenever hosts have traits or flavours ask for them, as Placement always checks them.
 */
export function withTraitsFilter(policy: Policy): Policy {
  return withFilterAfterCapacity(policy, traitsFilter);
}

function withFilterAfterCapacity(policy: Policy, filter: Filter): Policy {
  if (policy.filters.includes(filter)) return policy;
  const at = policy.filters.findIndex((f) => f.name === "capacity");
  const filters = [...policy.filters];
  filters.splice(at < 0 ? filters.length : at + 1, 0, filter);
  const made = makePolicy(policy.name, filters, policy.weighers);
  if (!made.ok) throw new InvariantViolation("POLICY", made.error.message);
  return made.value;
}
