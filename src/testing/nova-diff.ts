/**
 * The differential test against Nova's own scheduler code (issue 17): random host sets and requests
 * (allocation ratios, reserved amounts, zones, aggregate metadata with commas and operators, group
 * policies and members, forced and ignored hosts, multipliers of both signs, per-host multipliers in
 * aggregate metadata), decided by nfvtwin's placement and by src/placement/nova-diff/driver.py (Nova's
 * filters and weighers from Debian's python3-nova), once per batch. Used by nova-diff.test.ts and
 * `npm run nova-diff -- --cases N`.
 */
import { spawnSync } from "node:child_process";
import { env } from "node:process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { asId, type AggregateId, type HostId, type RackId, type ZoneId } from "../domain/index.js";
import { createNfviState, type AggregateSpec, type HostSpec, type Inventory, type NfviState } from "../nfvi/index.js";
import { DEFAULT_FILTERS, resolvePolicy, selectHost, type Policy } from "../placement/index.js";
import { filterHosts } from "../placement/pipeline.js";
import { makeRequest, type GroupPolicy, type PlacementRequest } from "../placement/request.js";
import { weigh } from "../placement/weigh.js";

const CLASSES = ["VCPU", "MEMORY_MB", "DISK_GB"] as const;
type Rc = (typeof CLASSES)[number];

export interface DiffHost {
  readonly inventories: Partial<Record<Rc, Inventory>>;
  readonly used: Partial<Record<Rc, number>>;
  readonly zone: string;
  readonly aggregates: readonly number[];
  readonly state: "UP" | "DOWN" | "MAINTENANCE";
  readonly enabled: boolean;
  readonly members: number;
}

export interface DiffCase {
  readonly hosts: readonly DiffHost[];
  readonly aggregates: readonly Record<string, string>[];
  readonly amounts: Record<Rc, number>;
  readonly extraSpecs: Record<string, string>;
  readonly zone: string | null;
  readonly group: { readonly policy: GroupPolicy; readonly maxServerPerHost: number } | null;
  readonly force: readonly number[];
  readonly ignore: readonly number[];
  readonly weighers: readonly { readonly name: string; readonly multiplier: number }[];
}

const NOVA_FILTERS: Readonly<Record<string, string>> = {
  "host-state": "ComputeFilter",
  "availability-zone": "AvailabilityZoneFilter",
  "aggregate-metadata": "AggregateInstanceExtraSpecsFilter",
  "anti-affinity": "ServerGroupAntiAffinityFilter",
  affinity: "ServerGroupAffinityFilter",
};
const NOVA_WEIGHERS: Readonly<Record<string, string>> = {
  ram: "RAMWeigher",
  cpu: "CPUWeigher",
  disk: "DiskWeigher",
  "soft-affinity": "ServerGroupSoftAffinityWeigher",
  "soft-anti-affinity": "ServerGroupSoftAntiAffinityWeigher",
};

const name = (i: number): string => `host-${String(i).padStart(3, "0")}`;
const multiplierArb = fc.oneof(fc.constantFrom(1, -1, 2, -2.31, 0.5, 0), fc.double({ min: -5, max: 5, noNaN: true }));
const metaArb = fc.record(
  {
    ssd: fc.constantFrom("true", "false", "true,false", "false, gold", "gold"),
    tier: fc.constantFrom("gold", "silver", "gold,silver", " bronze "),
    cores: fc.constantFrom("2", "4", "8", "2, 4"),
    ram_weight_multiplier: fc.constantFrom("-1.5", "2", "abc", "1,2", " 0.5 "),
    cpu_weight_multiplier: fc.constantFrom("-2", "3"),
  },
  { requiredKeys: [] },
);
const specArb = fc.record(
  {
    ssd: fc.constantFrom("true", "false", "<in> ol", "<or> true <or> gold", "s== gold", "true,false"),
    tier: fc.constantFrom("gold", "<in> il", "s!= gold", "<all-in> go ld", "bronze"),
    cores: fc.constantFrom(">= 4", "= 3", "<= 4", "== 4", "4", "s< 5"),
  },
  { requiredKeys: [] },
);

const inventoryArb = (rc: Rc): fc.Arbitrary<Inventory> => {
  const [lo, hi] = rc === "VCPU" ? [1, 64] : rc === "MEMORY_MB" ? [512, 65536] : [10, 2000];
  return fc
    .record({ total: fc.integer({ min: lo, max: hi }), reservedShare: fc.constantFrom(0, 0, 0.05, 0.2), ratio: fc.constantFrom(1, 1, 1.5, 2, 4, 16, 0.9) })
    .map(({ total, reservedShare, ratio }) => ({
      total,
      reserved: Math.floor(total * reservedShare),
      allocationRatio: ratio,
      minUnit: 1,
      maxUnit: total,
      stepSize: 1,
    }));
};

const hostArb = (aggregateCount: number): fc.Arbitrary<DiffHost> =>
  fc
    .record({
      VCPU: fc.option(inventoryArb("VCPU"), { freq: 8 }),
      MEMORY_MB: fc.option(inventoryArb("MEMORY_MB"), { freq: 8 }),
      DISK_GB: fc.option(inventoryArb("DISK_GB"), { freq: 4 }),
      usedShare: fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
      zone: fc.constantFrom("az0", "az1", "az2"),
      aggregates: fc.subarray(Array.from({ length: aggregateCount }, (_, i) => i)),
      state: fc.constantFrom("UP", "UP", "UP", "UP", "DOWN", "MAINTENANCE" as const),
      enabled: fc.constantFrom(true, true, true, false),
      members: fc.constantFrom(0, 0, 0, 1, 2),
    })
    .map((h) => {
      const inventories: Partial<Record<Rc, Inventory>> = {};
      const used: Partial<Record<Rc, number>> = {};
      CLASSES.forEach((rc, c) => {
        const inv = h[rc];
        if (inv === null) return;
        inventories[rc] = inv;
        const capacity = Math.floor((inv.total - inv.reserved) * inv.allocationRatio);
        used[rc] = Math.floor(capacity * (h.usedShare[c] ?? 0));
      });
      return { inventories, used, zone: h.zone, aggregates: h.aggregates, state: h.state, enabled: h.enabled, members: h.members };
    });

/** Random cases: 2–12 hosts, 0–3 aggregates, a request and a weigher list. */
export const caseArb: fc.Arbitrary<DiffCase> = fc.integer({ min: 0, max: 3 }).chain((aggregateCount) =>
  fc
    .record({
      aggregates: fc.array(metaArb, { minLength: aggregateCount, maxLength: aggregateCount }),
      hosts: fc.array(hostArb(aggregateCount), { minLength: 2, maxLength: 12 }),
      amounts: fc.record({ VCPU: fc.constantFrom(0, 1, 2, 4, 8), MEMORY_MB: fc.constantFrom(0, 512, 2048, 8192), DISK_GB: fc.constantFrom(0, 0, 10, 40) }),
      extraSpecs: fc.oneof(fc.constant({}), specArb),
      zone: fc.option(fc.constantFrom("az0", "az1", "az-none"), { freq: 3 }),
      group: fc.option(fc.record({ policy: fc.constantFrom<GroupPolicy>("affinity", "anti-affinity", "soft-affinity", "soft-anti-affinity"), maxServerPerHost: fc.constantFrom(1, 1, 2) }), { freq: 2 }),
      force: fc.oneof({ weight: 4, arbitrary: fc.constant([] as number[]) }, { weight: 1, arbitrary: fc.uniqueArray(fc.nat(11), { maxLength: 3 }) }),
      ignore: fc.oneof({ weight: 4, arbitrary: fc.constant([] as number[]) }, { weight: 1, arbitrary: fc.uniqueArray(fc.nat(11), { maxLength: 2 }) }),
      weighers: fc.shuffledSubarray(["ram", "cpu", "disk", "soft-affinity", "soft-anti-affinity"]).chain((names) =>
        fc.tuple(...names.map((n) => multiplierArb.map((m) => ({ name: n, multiplier: n.startsWith("soft") ? Math.abs(m) : m })))),
      ),
    })
    .map((c) => {
      const n = c.hosts.length;
      const force = c.force.filter((h) => h < n);
      // nfvtwin keeps a DOWN or maintenance host out even when forced (docs/placement.md): force only UP ones.
      const hosts = c.hosts.map((h, i) => (force.includes(i) ? { ...h, state: "UP" as const } : h));
      return { ...c, hosts, force, ignore: c.ignore.filter((h) => h < n) };
    }),
);

/** nfvtwin's side: the policy, the NFVI state and the request of a case. */
export function twinWorld(c: DiffCase): { policy: Policy; state: NfviState; request: PlacementRequest } {
  const aggregates: AggregateSpec[] = c.aggregates.map((metadata, i) => ({ id: asId<AggregateId>(`agg-${i}`), metadata }));
  const specs: HostSpec[] = c.hosts.map((h, i) => ({
    id: asId<HostId>(name(i)),
    zone: asId<ZoneId>(h.zone),
    rack: asId<RackId>("r0"),
    aggregates: h.aggregates.map((a) => asId<AggregateId>(`agg-${a}`)),
    physicalCpus: 16,
    numaNodes: 2,
    hypervisorType: "QEMU",
    inventories: h.inventories,
    state: h.state,
    enabled: h.enabled,
  }));
  const made = createNfviState(specs, aggregates);
  if (!made.ok) throw new Error(made.error.message);
  const state = made.value;
  c.hosts.forEach((h, i) => {
    for (const rc of CLASSES) {
      // Consumers of at most maxUnit each, one class at a time, keep every claim within the unit rules.
      const maxUnit = h.inventories[rc]?.maxUnit ?? 1;
      for (let left = h.used[rc] ?? 0, k = 0; left > 0; left -= maxUnit, k++) {
        const claimed = state.claim(`used-${i}-${rc}-${k}`, i, { [rc]: Math.min(left, maxUnit) });
        if (!claimed.ok) throw new Error(`claim on ${name(i)} failed: ${claimed.error.message}`);
      }
    }
  });
  const policy = resolvePolicy({ name: "spread", filters: DEFAULT_FILTERS, weighers: c.weighers });
  if (!policy.ok) throw new Error(policy.error.message);
  const members = new Map(c.hosts.flatMap((h, i) => (h.members > 0 ? [[i, h.members] as const] : [])));
  const request = makeRequest({
    resources: c.amounts,
    ...(c.zone === null ? {} : { zone: asId<ZoneId>(c.zone) }),
    requiredMetadata: c.extraSpecs,
    ...(c.group === null ? {} : { group: { ...c.group, members } }),
    ignoreHosts: c.ignore,
    forceHosts: c.force,
  });
  if (!request.ok) throw new Error(request.error.message);
  return { policy: policy.value, state, request: request.value };
}

/** The driver's input for a case (host states as Nova's resource tracker reports them). */
export function novaInput(c: DiffCase): unknown {
  return {
    hosts: c.hosts.map((h, i) => ({
      name: name(i),
      inventories: h.inventories,
      used: h.used,
      // A host in maintenance has its compute service disabled; DOWN = the service is not up.
      disabled: !h.enabled || h.state === "MAINTENANCE",
      up: h.state !== "DOWN",
      aggregates: h.aggregates.map((a) => c.aggregates[a] ?? {}),
      zone: h.zone,
      members: c.group === null ? 0 : h.members,
    })),
    request: {
      amounts: c.amounts,
      extraSpecs: c.extraSpecs,
      zone: c.zone,
      group: c.group,
      force: c.force.map(name),
      ignore: c.ignore.map(name),
    },
    filters: DEFAULT_FILTERS.flatMap((f) => (NOVA_FILTERS[f] === undefined ? [] : [NOVA_FILTERS[f]])),
    weighers: c.weighers.map((w) => ({ name: NOVA_WEIGHERS[w.name], multiplier: w.multiplier })),
  };
}

export interface NovaAnswer {
  readonly passing: readonly string[];
  readonly order: readonly (readonly [string, number])[];
}

const DRIVER = fileURLToPath(new URL("../placement/nova-diff/driver.py", import.meta.url));
/** Debian's interpreter, where python3-nova lives (override with NOVA_PYTHON). */
const PYTHON = env["NOVA_PYTHON"] ?? "/usr/bin/python3";

/** Is python3-nova importable? The message to show when not. */
export function novaMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import nova.scheduler.weights"], { encoding: "utf8" });
  if (probe.status === 0) return undefined;
  return `Nova's scheduler code is not installed (${PYTHON} cannot import nova): run .ci/run's apt step, apt-get install -y --no-install-recommends python3-nova`;
}

/** Runs the driver once on a batch. */
export function runNova(cases: readonly DiffCase[]): NovaAnswer[] {
  const out = spawnSync(PYTHON, [DRIVER], { input: JSON.stringify(cases.map(novaInput)), encoding: "utf8", maxBuffer: 1 << 28 });
  if (out.status !== 0) throw new Error(`nova driver failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as NovaAnswer[];
}

/** The differences between nfvtwin and Nova on one case (empty = same decision). */
export function compareCase(c: DiffCase, nova: NovaAnswer): string[] {
  const { policy, state, request } = twinWorld(c);
  const passing = filterHosts(policy.filters, state, request);
  const problems: string[] = [];
  const twinNames = passing.map(name);
  if (JSON.stringify(twinNames) !== JSON.stringify(nova.passing)) problems.push(`passing: twin ${twinNames.join(",")} nova ${nova.passing.join(",")}`);
  const fast = selectHost(policy, state, request);
  if (passing.length < 2 || problems.length > 0) {
    if (fast !== (passing[0] ?? -1) && passing.length < 2) problems.push(`fast path chose ${fast}, reference ${passing[0] ?? -1}`);
    return problems;
  }
  const w = weigh(policy.weighers, state, request, passing);
  const twinTotal = new Map(passing.map((h, i) => [name(h), w.totals[i] ?? 0] as const));
  for (const [host, weight] of nova.order) {
    const mine = twinTotal.get(host) ?? Number.NaN;
    if (!(Math.abs(mine - weight) <= 1e-9)) problems.push(`${host}: twin total ${mine}, nova weight ${weight}`);
  }
  for (let i = 0; i + 1 < nova.order.length; i++) {
    const [a, wa] = nova.order[i]!;
    const [b, wb] = nova.order[i + 1]!;
    if (wa - wb > 1e-9 && !((twinTotal.get(a) ?? 0) > (twinTotal.get(b) ?? 0))) problems.push(`order: nova ranks ${a} above ${b}`);
  }
  const best = nova.order[0]?.[1] ?? 0;
  const fastWeight = twinTotal.get(name(fast)) ?? Number.NaN;
  if (!(best - fastWeight <= 1e-9)) problems.push(`fast path chose ${name(fast)} (${fastWeight}), nova's best weighs ${best}`);
  return problems;
}

/** `count` random cases from `seed`, decided by both; the failing cases with their differences. */
export function novaDiff(count: number, seed: number): { readonly cases: number; readonly failures: readonly { readonly index: number; readonly c: DiffCase; readonly problems: readonly string[] }[] } {
  const cases = fc.sample(caseArb, { numRuns: count, seed });
  const answers = runNova(cases);
  const failures = cases.flatMap((c, index) => {
    const problems = compareCase(c, answers[index]!);
    return problems.length === 0 ? [] : [{ index, c, problems }];
  });
  return { cases: cases.length, failures };
}
