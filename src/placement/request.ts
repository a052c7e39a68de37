/**
 * A placement request: what one server needs and where it may go. Built once by `makeRequest`
 * (which validates and normalises), then read by every filter and weigher.
 */
import {
  type AccRequestGroup,
  domainError,
  fail,
  ok,
  RESOURCE_CLASSES,
  type ResourceAmounts,
  type ResourceClass,
  type Result,
  type ZoneId,
} from "../domain/index.js";
import { shapeKey } from "../nfvi/index.js";

export const GROUP_POLICIES = ["affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"] as const;
export type GroupPolicy = (typeof GROUP_POLICIES)[number];

/** The server group of the request and where its live members already are. */
export interface ServerGroupContext {
  readonly policy: GroupPolicy;
  /** anti-affinity: at most this many members per host (Nova max_server_per_host, default 1). */
  readonly maxServerPerHost: number;
  /** host index → members on that host; only counts > 0 are kept. */
  readonly members: ReadonlyMap<number, number>;
}

export interface PlacementRequest {
  readonly resources: ResourceAmounts;
  /** The same amounts in RESOURCE_CLASSES order (the hot path reads this). */
  readonly amounts: readonly number[];
  /** nfvi `shapeKey(amounts)`: finds the registered shape of the capacity index, if any. */
  readonly shapeKey: string;
  readonly zone: ZoneId | undefined;
  /** Required aggregate metadata (Nova AggregateInstanceExtraSpecsFilter), sorted by key. */
  readonly requiredMetadata: readonly (readonly [string, string])[];
  readonly group: ServerGroupContext | undefined;
  /** Hosts that must not be used (e.g. the source of a migration), by index. */
  readonly ignoreHosts: ReadonlySet<number> | undefined;
  /** When set, only these hosts may be used (admin "force host"), by index. */
  readonly forceHosts: ReadonlySet<number> | undefined;
  /** Accelerator request groups of the flavour's device profile; absent for CPU-only requests. */
  readonly accelerators?: readonly AccRequestGroup[];
  /** Traits the host must have / must not have (flavour trait:<NAME>=required|forbidden); absent: none. */
  readonly traits?: { readonly required: readonly string[]; readonly forbidden: readonly string[] };
}

export interface PlacementRequestInput {
  readonly resources: Partial<ResourceAmounts>;
  readonly zone?: ZoneId;
  readonly requiredMetadata?: Readonly<Record<string, string>>;
  readonly group?: {
    readonly policy: GroupPolicy;
    readonly maxServerPerHost?: number;
    readonly members?: ReadonlyMap<number, number>;
  };
  readonly ignoreHosts?: Iterable<number>;
  readonly forceHosts?: Iterable<number>;
  readonly accelerators?: readonly AccRequestGroup[];
  readonly requiredTraits?: readonly string[];
  readonly forbiddenTraits?: readonly string[];
}

const isCount = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;

/** Validates and normalises a request; INVALID_ARGUMENT names the first bad field. */
export function makeRequest(input: PlacementRequestInput): Result<PlacementRequest> {
  const amounts: number[] = [];
  for (const rc of RESOURCE_CLASSES) {
    const a = input.resources[rc] ?? 0;
    if (!isCount(a)) return fail(domainError("INVALID_ARGUMENT", `${rc} must be a non-negative integer, got ${a}`));
    amounts.push(a);
  }
  const group = input.group === undefined ? undefined : makeGroup(input.group);
  if (typeof group === "string") return fail(domainError("INVALID_ARGUMENT", group));
  const badGroup = input.accelerators === undefined ? undefined : input.accelerators.find((g) => !Number.isSafeInteger(g.count) || g.count < 1);
  if (badGroup !== undefined) return fail(domainError("INVALID_ARGUMENT", `accelerator group ${badGroup.type}: count must be a positive integer`));
  const metadata = Object.entries(input.requiredMetadata ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const request: PlacementRequest = {
    resources: Object.fromEntries(RESOURCE_CLASSES.map((rc, c) => [rc, amounts[c] ?? 0])) as Record<ResourceClass, number>,
    amounts,
    shapeKey: shapeKey(amounts),
    zone: input.zone,
    requiredMetadata: metadata,
    group,
    ignoreHosts: nonEmptySet(input.ignoreHosts),
    forceHosts: nonEmptySet(input.forceHosts),
  };
  // Only requests with accelerator groups or traits carry those fields (other requests are unchanged).
  const withAcc = input.accelerators === undefined || input.accelerators.length === 0 ? request : { ...request, accelerators: input.accelerators };
  const required = [...new Set(input.requiredTraits ?? [])].sort();
  const forbidden = [...new Set(input.forbiddenTraits ?? [])].sort();
  return ok(required.length + forbidden.length === 0 ? withAcc : { ...withAcc, traits: { required, forbidden } });
}

function makeGroup(g: NonNullable<PlacementRequestInput["group"]>): ServerGroupContext | string {
  if (!GROUP_POLICIES.includes(g.policy)) return `unknown server group policy ${String(g.policy)}`;
  const maxServerPerHost = g.maxServerPerHost ?? 1;
  if (!Number.isSafeInteger(maxServerPerHost) || maxServerPerHost < 1) {
    return `maxServerPerHost must be a positive integer, got ${maxServerPerHost}`;
  }
  const members = new Map<number, number>();
  for (const [h, count] of [...(g.members ?? new Map<number, number>())].sort(([a], [b]) => a - b)) {
    if (!isCount(count) || !isCount(h)) return `member count of host ${h} must be a non-negative integer`;
    if (count > 0) members.set(h, count);
  }
  return { policy: g.policy, maxServerPerHost, members };
}

function nonEmptySet(hosts: Iterable<number> | undefined): ReadonlySet<number> | undefined {
  if (hosts === undefined) return undefined;
  const set = new Set(hosts);
  return set.size === 0 ? undefined : set;
}
