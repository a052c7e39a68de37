/**
 * Property tests of placement over random clouds and random request sequences (fast-check prints the
 * seed and path of a failure; pass them back with `{ seed, path }` to replay):
 * - fast path == reference pipeline for every prefab and random custom policies;
 * - INV-A11: NO_VALID_HOST only when a brute-force model finds no host; a chosen host satisfies all;
 * - INV-E1/E2 for hard anti-affinity (with max per host) and affinity; INV-E3 soft policies never reject.
 * The brute-force model below is written from the spec, not from the filters.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  asId,
  RESOURCE_CLASSES,
  type AggregateId,
  type HostId,
  type RackId,
  type ResourceAmounts,
  type ResourceClass,
  type ZoneId,
} from "../domain/index.js";
import { askedAmounts, checkNfviInvariants, createNfviState, type HostSpec, type Inventory, type NfviState } from "../nfvi/index.js";
import { select, selectReference, type Policy } from "./policy.js";
import { DEFAULT_FILTERS, FILTERS, PREFABS, resolvePolicy, WEIGHERS } from "./registry.js";
import { GROUP_POLICIES, makeRequest, type GroupPolicy, type PlacementRequest, type PlacementRequestInput } from "./request.js";

// ---- clouds ---------------------------------------------------------------------------------

const ZONES = ["az0", "az1", "az2"];
const AGGREGATES: readonly { id: AggregateId; metadata: Readonly<Record<string, string>> }[] = [
  { id: asId<AggregateId>("agg0"), metadata: { ssd: "true" } },
  { id: asId<AggregateId>("agg1"), metadata: { ssd: "false", gpu: "yes" } },
  { id: asId<AggregateId>("agg2"), metadata: { tier: "gold" } },
];
const FLAVOURS: Partial<ResourceAmounts>[] = [
  { VCPU: 1, MEMORY_MB: 512, DISK_GB: 5 },
  { VCPU: 2, MEMORY_MB: 2048, DISK_GB: 10 },
  { VCPU: 4, MEMORY_MB: 4096 },
  { PCPU: 2, MEMORY_MB: 1024 },
  { VCPU: 8, MEMORY_MB: 1024, DISK_GB: 40 },
];

const inventoryArb = (rc: ResourceClass): fc.Arbitrary<Inventory> =>
  fc
    .record({
      total: rc === "MEMORY_MB" ? fc.integer({ min: 512, max: 16384 }) : fc.integer({ min: 1, max: 64 }),
      reservedShare: fc.constantFrom(0, 0, 0.05, 0.25),
      ratio: rc === "PCPU" ? fc.constant(1) : fc.constantFrom(1, 1, 1.5, 4),
      minUnit: fc.constantFrom(1, 1, 1, 2),
      maxUnitShare: fc.constantFrom(1, 1, 1, 0.25),
      stepSize: fc.constantFrom(1, 1, 1, 1, 2),
    })
    .map(({ total, reservedShare, ratio, minUnit, maxUnitShare, stepSize }) => {
      const min = Math.min(minUnit, total);
      return {
        total,
        reserved: Math.floor(total * reservedShare),
        allocationRatio: ratio,
        minUnit: min,
        maxUnit: Math.max(min, Math.ceil(total * maxUnitShare)),
        stepSize,
      };
    });

const hostArb = (i: number, zones: number): fc.Arbitrary<HostSpec> =>
  fc
    .record({
      zone: fc.nat(zones - 1),
      aggregates: fc.subarray(AGGREGATES.map((a) => a.id)),
      state: fc.constantFrom("UP", "UP", "UP", "UP", "DOWN", "MAINTENANCE" as const),
      enabled: fc.constantFrom(true, true, true, false),
      VCPU: fc.option(inventoryArb("VCPU"), { freq: 8 }),
      PCPU: fc.option(inventoryArb("PCPU"), { freq: 1 }),
      MEMORY_MB: fc.option(inventoryArb("MEMORY_MB"), { freq: 8 }),
      DISK_GB: fc.option(inventoryArb("DISK_GB"), { freq: 4 }),
    })
    .map((h) => ({
      id: asId<HostId>(`host-${String(i).padStart(3, "0")}`),
      zone: asId<ZoneId>(ZONES[h.zone] ?? "az0"),
      rack: asId<RackId>(`r${i % 3}`),
      aggregates: h.aggregates,
      physicalCpus: 16,
      numaNodes: 2,
      hypervisorType: "QEMU",
      inventories: Object.fromEntries(RESOURCE_CLASSES.flatMap((rc) => (h[rc] === null ? [] : [[rc, h[rc]]]))),
      state: h.state,
      enabled: h.enabled,
    }));

interface CloudInput {
  readonly hosts: HostSpec[];
  readonly shapes: boolean;
}

const cloudArb = (maxHosts: number): fc.Arbitrary<CloudInput> =>
  fc
    .record({ n: fc.integer({ min: 1, max: maxHosts }), zones: fc.integer({ min: 1, max: 3 }), shapes: fc.boolean() })
    .chain(({ n, zones, shapes }) =>
      fc.tuple(...Array.from({ length: n }, (_, i) => hostArb(i, zones))).map((hosts) => ({ hosts, shapes })),
    );

function build(input: CloudInput): NfviState {
  const s = createNfviState(input.hosts, AGGREGATES, { shapes: input.shapes ? FLAVOURS : [] });
  if (!s.ok) throw new Error(s.error.message);
  return s.value;
}

// ---- requests and policies ------------------------------------------------------------------

interface RequestDraft {
  readonly resources: Partial<ResourceAmounts>;
  readonly zone: string | null;
  readonly metadata: Record<string, string> | null;
  readonly group: number | null;
  readonly ignore: number[];
  readonly force: number[];
}

const randomAmounts: fc.Arbitrary<Partial<ResourceAmounts>> = fc.record(
  { VCPU: fc.nat(10), PCPU: fc.nat(2), MEMORY_MB: fc.nat(3000), DISK_GB: fc.nat(30) },
  { requiredKeys: [] },
);

/** null three times in four. */
const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

const requestArb: fc.Arbitrary<RequestDraft> = fc.record({
  resources: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FLAVOURS) }, { weight: 1, arbitrary: randomAmounts }),
  zone: rarely(fc.constantFrom("az0", "az0", "az1", "az2", "az-none")),
  metadata: rarely(
    fc.constantFrom<Record<string, string>>({ ssd: "true" }, { ssd: "false" }, { gpu: "yes", tier: "gold" }, { ssd: "maybe" }),
  ),
  group: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat(GROUP_POLICIES.length * 2 - 1) }),
  ignore: fc.oneof({ weight: 6, arbitrary: fc.constant<number[]>([]) }, { weight: 1, arbitrary: fc.array(fc.nat(40), { maxLength: 3 }) }),
  force: fc.oneof(
    { weight: 8, arbitrary: fc.constant<number[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }) },
  ),
});

const customPolicyArb: fc.Arbitrary<Policy> = fc
  .record({
    filters: fc.shuffledSubarray([...FILTERS.keys()]),
    weighers: fc.shuffledSubarray([...WEIGHERS.keys()]),
    multipliers: fc.array(fc.constantFrom(-2, -1, -0.5, 0, 0.25, 1, 3), { minLength: 5, maxLength: 5 }),
    keepDefaults: fc.boolean(),
  })
  .map(({ filters, weighers, multipliers, keepDefaults }) => {
    const resolved = resolvePolicy({
      filters: keepDefaults ? DEFAULT_FILTERS : filters,
      // Soft group multipliers are ≥ 0 (Nova's option bound); the others take both signs.
      weighers: weighers.map((name, i) => ({ name, multiplier: name.startsWith("soft") ? Math.abs(multipliers[i] ?? 1) : (multipliers[i] ?? 1) })),
    });
    if (!resolved.ok) throw new Error(resolved.error.message);
    return resolved.value;
  });

const prefabs: Policy[] = PREFABS.map((p) => {
  const r = resolvePolicy(p.name);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
});

/** Server groups of a run: group g has policy GROUP_POLICIES[g % 4] and max per host 1 + g / 4. */
class Groups {
  readonly members = new Map<number, Map<number, number>>();
  readonly consumers = new Map<string, { group: number; host: number }>();

  policy = (g: number): GroupPolicy => GROUP_POLICIES[g % GROUP_POLICIES.length] ?? "affinity";
  maxPerHost = (g: number): number => 1 + Math.floor(g / GROUP_POLICIES.length);
  of = (g: number): Map<number, number> => this.members.get(g) ?? new Map<number, number>();

  add(g: number, consumer: string, host: number): void {
    const m = this.of(g);
    m.set(host, (m.get(host) ?? 0) + 1);
    this.members.set(g, m);
    this.consumers.set(consumer, { group: g, host });
  }

  remove(consumer: string): void {
    const c = this.consumers.get(consumer);
    if (c === undefined) return;
    const m = this.of(c.group);
    const left = (m.get(c.host) ?? 0) - 1;
    if (left > 0) m.set(c.host, left);
    else m.delete(c.host);
    this.consumers.delete(consumer);
  }
}

function toRequest(d: RequestDraft, groups: Groups, withGroup = true): PlacementRequest {
  const input: PlacementRequestInput = {
    resources: d.resources,
    ...(d.zone === null ? {} : { zone: asId<ZoneId>(d.zone) }),
    ...(d.metadata === null ? {} : { requiredMetadata: d.metadata }),
    ...(d.group === null || !withGroup
      ? {}
      : { group: { policy: groups.policy(d.group), maxServerPerHost: groups.maxPerHost(d.group), members: groups.of(d.group) } }),
    ignoreHosts: d.ignore,
    forceHosts: d.force,
  };
  const r = makeRequest(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

// ---- the brute-force model (INV-A11), from the spec ------------------------------------------

function modelValid(s: NfviState, r: PlacementRequest, h: number): boolean {
  if (s.hostState(h) !== "UP" || !s.isEnabled(h)) return false;
  if (r.ignoreHosts?.has(h) === true || (r.forceHosts !== undefined && !r.forceHosts.has(h))) return false;
  const spec = s.topology.hosts[h]?.spec;
  // Forced hosts skip Nova's scheduler filters (zone, metadata, groups): only the resource check applies.
  const forced = r.forceHosts !== undefined;
  if (!forced && r.zone !== undefined && spec?.zone !== r.zone) return false;
  for (const [k, v] of forced ? [] : r.requiredMetadata) {
    const items = (a: (typeof AGGREGATES)[number]): string[] => (a.metadata[k] ?? "").split(",").map((x) => x.trim());
    const held = AGGREGATES.some((a) => spec?.aggregates.includes(a.id) === true && a.metadata[k] !== undefined && items(a).includes(v));
    if (!held) return false;
  }
  const fits = RESOURCE_CLASSES.every((rc, c) => {
    const a = r.resources[rc];
    if (a === 0) return true;
    const inv = spec?.inventories[rc];
    const current = s.inventory(h, c) ?? inv;
    if (current === undefined) return false;
    const cap = (current.total - current.reserved) * current.allocationRatio;
    return a >= current.minUnit && a <= current.maxUnit && a % current.stepSize === 0 && s.used(h, c) + a <= cap;
  });
  if (!fits) return false;
  const g = forced ? undefined : r.group;
  if (g?.policy === "anti-affinity" && (g.members.get(h) ?? 0) >= g.maxServerPerHost) return false;
  if (g?.policy === "affinity" && g.members.size > 0 && !g.members.has(h)) return false;
  return true;
}

const answer = (r: { ok: true; value: number } | { ok: false }): number => (r.ok ? r.value : -1);

// ---- operations -----------------------------------------------------------------------------

type Op =
  | { op: "place"; request: RequestDraft }
  | { op: "release"; victim: number }
  | { op: "state"; host: number; state: "UP" | "DOWN" | "MAINTENANCE" }
  | { op: "enabled"; host: number; enabled: boolean }
  | { op: "shrink"; host: number; rc: ResourceClass; share: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant("place" as const), request: requestArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant("release" as const), victim: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("state" as const), host: fc.nat(40), state: fc.constantFrom("UP", "DOWN", "MAINTENANCE" as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("enabled" as const), host: fc.nat(40), enabled: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("shrink" as const),
      host: fc.nat(40),
      rc: fc.constantFrom<ResourceClass>("VCPU", "MEMORY_MB"),
      share: fc.constantFrom(0.5, 0.8, 1.2),
    }),
  },
);

interface Run {
  readonly s: NfviState;
  readonly groups: Groups;
  readonly live: string[];
  next: number;
}

/** Every policy: fast path == reference; prefabs: brute-force A11 and E3. */
function checkDecision(run: Run, draft: RequestDraft, policies: readonly Policy[]): void {
  const request = toRequest(draft, run.groups);
  for (const p of policies) {
    const fast = answer(select(p, run.s, request));
    expect(fast, `policy ${p.name}`).toBe(answer(selectReference(p, run.s, request)));
  }
  for (const p of prefabs) {
    const chosen = answer(select(p, run.s, request));
    const anyValid = Array.from({ length: run.s.hostCount }, (_, h) => h).some((h) => modelValid(run.s, request, h));
    if (chosen < 0) expect(anyValid, `false NO_VALID_HOST (${p.name})`).toBe(false);
    else expect(modelValid(run.s, request, chosen), `invalid host ${chosen} (${p.name})`).toBe(true);
    const policy = request.group?.policy;
    if (policy === "soft-affinity" || policy === "soft-anti-affinity") {
      const without = answer(select(p, run.s, toRequest(draft, run.groups, false)));
      expect(chosen < 0, "soft policy rejected (INV-E3)").toBe(without < 0);
    }
  }
}

/**
 * The request of a group-less draft, one object per distinct draft, as the runner reuses one request
 * per flavour and zone: exercises the fast path's memoised contexts and its shape-only index reads.
 */
function interned(cache: Map<string, PlacementRequest>, draft: RequestDraft, groups: Groups): PlacementRequest {
  if (draft.group !== null) return toRequest(draft, groups);
  const key = JSON.stringify(draft);
  let request = cache.get(key);
  if (request === undefined) cache.set(key, (request = toRequest(draft, groups)));
  return request;
}

function place(run: Run, draft: RequestDraft, policy: Policy, request = toRequest(draft, run.groups)): void {
  const r = select(policy, run.s, request);
  if (!r.ok) {
    expect(r.error.diagnosis.available).toBe(0);
    return;
  }
  const asked = askedAmounts(request.resources);
  // A request of no resources selects a host but claims nothing: Placement refuses an empty allocation.
  if (Object.keys(asked).length === 0) return;
  const id = `vm-${run.next++}`;
  const claimed = run.s.claim(id, r.value, asked);
  expect(claimed.ok, "a selected host accepts the claim").toBe(true);
  run.live.push(id);
  // A forced server skips the group filters (Nova get_filtered_hosts), so E1/E2 do not bind it: the
  // harness keeps it out of the group's membership.
  if (draft.group !== null && request.forceHosts === undefined) run.groups.add(draft.group, id, r.value);
}

function applyOp(run: Run, o: Op, policy: Policy, policies: readonly Policy[]): void {
  const { s } = run;
  switch (o.op) {
    case "place":
      checkDecision(run, o.request, policies);
      place(run, o.request, policy);
      return;
    case "release": {
      if (run.live.length === 0) return;
      const [id] = run.live.splice(o.victim % run.live.length, 1);
      if (id === undefined) return;
      expect(s.release(id).ok).toBe(true);
      run.groups.remove(id);
      return;
    }
    case "state":
      if (o.host < s.hostCount) s.setHostState(o.host, o.state);
      return;
    case "enabled":
      if (o.host < s.hostCount) s.setEnabled(o.host, o.enabled);
      return;
    case "shrink": {
      const inv = o.host < s.hostCount ? s.inventory(o.host, RESOURCE_CLASSES.indexOf(o.rc)) : undefined;
      if (inv === undefined) return;
      const total = Math.max(inv.reserved + 1, Math.floor(inv.total * o.share));
      s.setInventory(o.host, o.rc, { ...inv, total, maxUnit: Math.max(inv.minUnit, Math.min(inv.maxUnit, total)) });
      return;
    }
  }
}

/** INV-E1 / INV-E2 over the current group membership. */
function checkGroups(run: Run): void {
  for (const [g, members] of run.groups.members) {
    const policy = run.groups.policy(g);
    if (policy === "anti-affinity") {
      for (const count of members.values()) expect(count, "INV-E1").toBeLessThanOrEqual(run.groups.maxPerHost(g));
    }
    if (policy === "affinity") expect(members.size, "INV-E2").toBeLessThanOrEqual(1);
  }
}

describe("placement properties", () => {
  it("fast path == reference, no false NO_VALID_HOST (A11), group rules (E1–E3), over random runs", () => {
    fc.assert(
      fc.property(
        cloudArb(24),
        fc.constantFrom(...prefabs),
        fc.array(customPolicyArb, { maxLength: 3 }),
        fc.array(opArb, { maxLength: 40 }),
        (cloud, policy, custom, ops) => {
          const run: Run = { s: build(cloud), groups: new Groups(), live: [], next: 0 };
          const policies = [...prefabs, ...custom];
          for (const o of ops) {
            applyOp(run, o, policy, policies);
            checkGroups(run);
          }
          checkNfviInvariants(run.s);
        },
      ),
      { numRuns: 800 },
    );
  });

  it("fast path == reference on larger, fuller clouds for every prefab", () => {
    fc.assert(
      fc.property(cloudArb(150), fc.array(requestArb, { minLength: 20, maxLength: 120 }), fc.nat(), (cloud, drafts, salt) => {
        const run: Run = { s: build(cloud), groups: new Groups(), live: [], next: 0 };
        const requests = new Map<string, PlacementRequest>();
        drafts.forEach((draft, i) => {
          const policy = prefabs[(i + salt) % prefabs.length] as Policy;
          const request = interned(requests, draft, run.groups);
          for (const p of prefabs) expect(answer(select(p, run.s, request)), p.name).toBe(answer(selectReference(p, run.s, request)));
          place(run, draft, policy, request);
          if (i % 7 === 6 && run.live.length > 0) {
            const id = run.live.splice((i * 31) % run.live.length, 1)[0] as string;
            run.s.release(id);
            run.groups.remove(id);
          }
        });
        checkGroups(run);
      }),
      { numRuns: 150 },
    );
  });

  it("fast path == reference on homogeneous fleets (ties everywhere), with and without shapes", () => {
    const fleetArb = fc.record({
      n: fc.integer({ min: 2, max: 64 }),
      host: hostArb(0, 1),
      shapes: fc.boolean(),
      requests: fc.array(fc.oneof(fc.constantFrom(...FLAVOURS), randomAmounts), { minLength: 10, maxLength: 80 }),
      releaseEvery: fc.integer({ min: 2, max: 6 }),
    });
    fc.assert(
      fc.property(fleetArb, ({ n, host, shapes, requests, releaseEvery }) => {
        const hosts = Array.from({ length: n }, (_, i) => ({
          ...host,
          id: asId<HostId>(`host-${String(i).padStart(3, "0")}`),
          state: "UP" as const,
          enabled: true,
        }));
        const run: Run = { s: build({ hosts, shapes }), groups: new Groups(), live: [], next: 0 };
        const interning = new Map<string, PlacementRequest>();
        requests.forEach((resources, i) => {
          const draft: RequestDraft = { resources, zone: null, metadata: null, group: null, ignore: [], force: [] };
          const request = interned(interning, draft, run.groups);
          for (const p of prefabs) expect(answer(select(p, run.s, request)), p.name).toBe(answer(selectReference(p, run.s, request)));
          place(run, draft, prefabs[i % prefabs.length] as Policy, request);
          if (i % releaseEvery === 0 && run.live.length > 0) run.s.release(run.live.splice((i * 17) % run.live.length, 1)[0] as string);
        });
      }),
      { numRuns: 300 },
    );
  });
});
