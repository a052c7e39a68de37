/**
 * Model-based test of quotas and capacity through the library façade: random callers run random
 * allocations, resizes, port/subnet/volume/snapshot operations and random quota changes (forced or
 * not). After every step:
 *   B1  a limit ≥ 0 is exceeded only after a forced lowering, and usage over it never grows;
 *   B2  QUOTA_EXCEEDED changed nothing (full snapshot before/after), and for allocate and volume
 *       create it happens exactly when a recount says the request does not fit;
 *   B3  the usage the façade reports (kept as running sums by the services: keptUsage) equals a
 *       recount of live resources, public IPs included, and Vim.checkQuotaUsage (the invariant
 *       mode's check against countUsage) passes;
 *   A9  every capacity answer (zone and whole VIM, every class) has total = available + reserved +
 *       allocated and equals a brute-force sum over hosts;
 *   K1  threshold notifications alternate DOWN/UP, sit on the right side, and there is an odd number
 *       of them in a step exactly when the brute-force level changed side during it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RESOURCE_CLASSES, resourceClassIndex, type Result } from "../../domain/index.js";
import { vimWorld, type VimWorld } from "../../testing/facade-world.js";
import type { CapacityChangeNotification, CapacityThreshold } from "../capacity/capacity-monitor.js";
import { QUOTA_ITEMS, type QuotaItem, type QuotaSet } from "../quota/quota-set.js";
import type { Caller } from "./guard.js";

const ACTIONS = ["allocate", "terminate", "resize", "confirm", "revert", "createNetwork", "createSubnet", "createPort", "deleteNet", "createVolume", "extend", "snapshot", "deleteSnapshot", "deleteVolume", "allocateIp", "releaseIp", "setQuota", "createQuota", "dropQuota"] as const;
const TENANTS = ["t1", "t2"] as const;
const FLAVOURS: Readonly<Record<string, { cores: number; ram: number }>> = { small: { cores: 1, ram: 1024 }, medium: { cores: 2, ram: 2048 } };

const command = fc.record({
  tenant: fc.nat(1),
  admin: fc.boolean(),
  action: fc.constantFrom(...ACTIONS),
  pick: fc.nat(),
  n: fc.integer({ min: 1, max: 3 }),
  flag: fc.boolean(),
  item: fc.constantFrom(...QUOTA_ITEMS),
  limit: fc.integer({ min: 0, max: 12 }),
});
const initialQuotas = fc.array(fc.tuple(fc.nat(1), fc.constantFrom(...QUOTA_ITEMS), fc.integer({ min: 0, max: 6 })), { maxLength: 8 });
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`admin call failed: ${r.error.message}`);
  return r.value;
}

/** A recount of the tenant's live resources, written from the services' records (not countUsage). */
function recount(w: VimWorld, tenantId: string): QuotaSet {
  const u: Record<QuotaItem, number> = { instances: 0, cores: 0, ram: 0, port: 0, subnet: 0, floatingip: 0, volumes: 0, gigabytes: 0, snapshots: 0 };
  const c = w.services.compute;
  for (let i = 0; i < c.liveServerCount; i++) {
    const s = c.liveServerAt(i)!;
    if (s.tenant !== tenantId) continue;
    const flavours = s.move === undefined ? [s.flavourSpec] : [s.flavourSpec, s.move.sourceFlavour];
    u.instances += 1;
    u.cores += Math.max(...flavours.map((f) => f.amounts.VCPU + f.amounts.PCPU));
    u.ram += Math.max(...flavours.map((f) => f.amounts.MEMORY_MB));
  }
  const admin = w.vim.admin;
  u.port = value(w.vim.network.queryPorts(admin)).filter((p) => p.tenantId === tenantId).length;
  u.subnet = value(w.vim.network.querySubnets(admin)).filter((s) => s.tenantId === tenantId).length;
  const volumes = value(w.vim.storage.query(admin)).filter((v) => v.tenantId === tenantId);
  const snaps = value(w.vim.storage.querySnapshots(admin)).filter((s) => s.tenantId === tenantId);
  u.floatingip = value(w.vim.network.queryPublicIps(admin)).filter((f) => f.tenantId === tenantId).length;
  u.volumes = volumes.length;
  u.snapshots = snaps.length;
  u.gigabytes = volumes.reduce((a, v) => a + v.sizeOfStorageGb, 0) + snaps.reduce((a, s) => a + s.sizeGb, 0);
  return u;
}

/** Everything a rejected request must leave unchanged. */
function snapshot(w: VimWorld): string {
  const a = w.vim.admin;
  return JSON.stringify([
    value(w.vim.compute.query(a)),
    value(w.vim.network.queryNetworks(a)).map((n) => [n.networkResourceId, n.subnetIds, [...n.portIds].sort()]),
    value(w.vim.network.queryPorts(a)).map((p) => [p.resourceId, p.fixedIps.map((f) => String(f.address))]),
    value(w.vim.storage.query(a)),
    value(w.vim.storage.querySnapshots(a)),
    w.nfvi.allocations(),
    value(w.vim.quotas.query(a)).map((q) => [q.tenantId, q.limits, q.isDefault]),
  ]);
}

const limitFor = (item: QuotaItem, n: number): number => (n === 12 ? -1 : item === "ram" ? n * 1024 : item === "gigabytes" ? n * 5 : n);

function idsOf(w: VimWorld, tenantId: string): { servers: string[]; networks: string[]; netItems: string[]; volumes: string[]; snaps: string[]; ips: string[] } {
  const a = w.vim.admin;
  return {
    servers: value(w.vim.compute.query(a, { tenant: tenantId })).map((s) => s["computeId"] as string),
    networks: value(w.vim.network.queryNetworks(a)).filter((n) => n.tenantId === tenantId).map((n) => n.networkResourceId),
    netItems: [...value(w.vim.network.queryPorts(a)), ...value(w.vim.network.querySubnets(a))].filter((x) => x.tenantId === tenantId).map((x) => x.resourceId),
    volumes: value(w.vim.storage.query(a)).filter((v) => v.tenantId === tenantId).map((v) => v.storageId),
    snaps: value(w.vim.storage.querySnapshots(a)).filter((s) => s.tenantId === tenantId).map((s) => s.snapshotId),
    ips: value(w.vim.network.queryPublicIps(a)).filter((f) => f.tenantId === tenantId).map((f) => f.publicIpId),
  };
}

const at = (xs: readonly string[], n: number): string => xs[n % Math.max(1, xs.length)] ?? "missing";

/** Performs one command as the tenant's member (quota changes as the administrator, or as the member to be refused). */
function perform(w: VimWorld, c: Command, step: number): Result<unknown> {
  const v = w.vim;
  const tenantId = TENANTS[c.tenant]!;
  const member: Caller = { userId: `${tenantId}-member` };
  const quotaCaller = c.admin ? v.admin : member;
  const ids = idsOf(w, tenantId);
  const flavourId = c.flag ? "medium" : "small";
  switch (c.action) {
    case "allocate": return v.compute.allocate(member, { flavourId, count: c.n });
    case "terminate": return v.compute.terminate(member, at(ids.servers, c.pick));
    case "resize": return v.compute.operate(member, at(ids.servers, c.pick), "resize", { flavourId: c.n === 1 ? "small" : "medium", autoConfirm: c.flag });
    case "confirm": return v.compute.operate(member, at(ids.servers, c.pick), "resize.confirm");
    case "revert": return v.compute.operate(member, at(ids.servers, c.pick), "resize.revert");
    case "createNetwork": return v.network.createNetwork(member, { networkType: "vxlan" });
    case "createSubnet": return v.network.createSubnet(member, { networkId: at(ids.networks, c.pick), cidr: `10.${step % 250}.${c.pick % 250}.0/24` });
    case "createPort": return v.network.createPort(member, { networkId: at(ids.networks, c.pick) });
    case "deleteNet": return v.network.delete(member, at(ids.netItems, c.pick));
    case "createVolume": return v.storage.create(member, { zoneId: "az1", sizeOfStorageGb: c.limit + 1 });
    case "extend": { const id = at(ids.volumes, c.pick); return v.storage.extend(member, id, (w.services.storage.volume(id)?.sizeOfStorageGb ?? 1) + c.n); }
    case "snapshot": return v.storage.createSnapshot(member, at(ids.volumes, c.pick));
    case "deleteSnapshot": return v.storage.deleteSnapshot(member, at(ids.snaps, c.pick));
    case "deleteVolume": return v.storage.delete(member, at(ids.volumes, c.pick));
    case "allocateIp": return v.network.allocatePublicIp(member, {});
    case "releaseIp": return v.network.releasePublicIp(member, at(ids.ips, c.pick));
    case "setQuota": return v.quotas.update(quotaCaller, tenantId, { [c.item]: limitFor(c.item, c.limit) }, { force: c.flag });
    case "createQuota": return v.quotas.create(quotaCaller, tenantId, { [c.item]: limitFor(c.item, c.limit) }, { force: c.flag });
    case "dropQuota": return v.quotas.terminate(quotaCaller, [tenantId], { force: c.flag });
  }
}

/** The quota items a request asks for, by a model of the rules (only for allocate and volume create). */
function predicted(c: Command): Partial<QuotaSet> | undefined {
  if (c.action === "allocate") {
    const f = FLAVOURS[c.flag ? "medium" : "small"]!;
    return { instances: c.n, cores: c.n * f.cores, ram: c.n * f.ram };
  }
  return c.action === "createVolume" ? { volumes: 1, gigabytes: c.limit + 1 } : undefined;
}

function usageAndLimits(w: VimWorld): Map<string, { usage: QuotaSet; limits: QuotaSet }> {
  return new Map(TENANTS.map((t) => { const q = value(w.vim.quotas.query(w.vim.admin, t))[0]!; return [t, { usage: q.usage, limits: q.limits }]; }));
}

/** B1, B2, B3 for one step. */
function checkQuotas(w: VimWorld, c: Command, r: Result<unknown>, before: ReturnType<typeof usageAndLimits>, snapBefore: string): void {
  const label = `${c.action} by ${c.admin ? "admin" : "member"} for ${TENANTS[c.tenant]}: ${r.ok ? "OK" : r.error.message}`;
  const after = usageAndLimits(w);
  if (!r.ok && r.error.kind === "QUOTA_EXCEEDED") expect(snapshot(w), `${label} (B2)`).toBe(snapBefore);
  if (c.action.endsWith("Quota") && !c.admin) expect(r.ok ? "OK" : r.error.kind, label).toBe("FORBIDDEN");
  const want = predicted(c);
  if (want !== undefined) {
    const b = before.get(TENANTS[c.tenant]!)!;
    const exceeds = QUOTA_ITEMS.some((i) => b.limits[i] >= 0 && (want[i] ?? 0) > 0 && b.usage[i] + (want[i] ?? 0) > b.limits[i]);
    expect(!r.ok && r.error.kind === "QUOTA_EXCEEDED", `${label} (model says exceeds: ${exceeds})`).toBe(exceeds);
  }
  for (const t of TENANTS) {
    const { usage, limits } = after.get(t)!;
    const prev = before.get(t)!;
    expect(usage, `${label}: ${t} usage (B3)`).toEqual(recount(w, t));
    // The kept usage (running sums in the services) against countUsage's recount, as the invariant mode checks it.
    w.vim.checkQuotaUsage();
    for (const i of QUOTA_ITEMS) {
      if (limits[i] < 0 || usage[i] <= limits[i]) continue;
      const forcedNow = r.ok && c.flag && c.admin && limits[i] !== prev.limits[i];
      expect(forcedNow || (limits[i] === prev.limits[i] && usage[i] <= prev.usage[i]), `${label}: ${t} ${i} ${usage[i]} > ${limits[i]} (B1)`).toBe(true);
    }
  }
}

/** A9 for the zone and the whole VIM, every class, against a brute-force sum over hosts. */
function checkCapacity(w: VimWorld, step: number): void {
  for (const zoneId of ["az1", undefined]) {
    for (const rc of RESOURCE_CLASSES) {
      const window = step % 2 === 0 ? { timeWindow: { fromMs: 0, toMs: 1000 * step } } : {};
      const info = value(w.vim.capacity.query(w.vim.admin, { ...(zoneId === undefined ? {} : { zoneId }), resourceClass: rc, ...window }));
      const c = resourceClassIndex(rc);
      let total = 0;
      let used = 0;
      for (let h = 0; h < w.nfvi.topology.hosts.length; h++) {
        total += w.nfvi.capacity(h, c);
        used += w.nfvi.used(h, c);
      }
      expect(info.totalCapacity, `${zoneId} ${rc} (A9)`).toBe(info.availableCapacity + info.reservedCapacity + info.allocatedCapacity);
      expect([info.totalCapacity, info.allocatedCapacity, info.reservedCapacity]).toEqual([total, used, 0]);
    }
  }
}

const THRESHOLDS: CapacityThreshold[] = [
  { resourceClass: "VCPU", measure: "available", targetValue: 6 },
  { zoneId: "az1", resourceClass: "MEMORY_MB", measure: "utilisationPercent", targetValue: 25 },
];

/** The brute-force side of a threshold: below its target? */
function isBelow(w: VimWorld, t: CapacityThreshold): boolean {
  const c = resourceClassIndex(t.resourceClass);
  let total = 0;
  let used = 0;
  for (let h = 0; h < w.nfvi.topology.hosts.length; h++) {
    total += w.nfvi.capacity(h, c);
    used += w.nfvi.used(h, c);
  }
  const measure = t.measure === "available" ? total - used : (100 * used) / total;
  return measure < t.targetValue;
}

/** K1 for one step: `got` are the notifications of this step, `wasBelow` the side before it. */
function checkCrossings(w: VimWorld, t: CapacityThreshold, got: readonly CapacityChangeNotification[], wasBelow: boolean): boolean {
  let below = wasBelow;
  for (const n of got) {
    expect(n.direction, "K1: crossings alternate").toBe(below ? "UP" : "DOWN");
    below = n.direction === "DOWN";
    expect(n.value < t.targetValue, "K1: value on the side announced").toBe(below);
  }
  const now = isBelow(w, t);
  expect(below, "K1: the last crossing leaves the level where a recount finds it").toBe(now);
  return now;
}

describe("quotas and capacity through the façade (model-based)", () => {
  it("keeps B1–B3, A9 and K1 through random operations and quota changes", () => {
    fc.assert(
      fc.property(initialQuotas, fc.array(command, { minLength: 10, maxLength: 40 }), (initial, commands) => {
        const w = vimWorld(2, 3);
        value(w.vim.flavours.create(w.vim.admin, { flavourId: "medium", vcpus: 2, ramMb: 2048, diskGb: 10 }));
        // Low limits from the start, so that quotas bind within a short run.
        for (const [t, item, n] of initial) value(w.vim.quotas.update(w.vim.admin, TENANTS[t]!, { [item]: limitFor(item, n) }));
        const inbox: CapacityChangeNotification[][] = THRESHOLDS.map(() => []);
        THRESHOLDS.forEach((t, i) => value(w.vim.capacity.subscribe(w.vim.admin, t, (n) => inbox[i]!.push(n))));
        let sides = THRESHOLDS.map((t) => isBelow(w, t));
        commands.forEach((c, step) => {
          const before = usageAndLimits(w);
          const snap = snapshot(w);
          const seen = inbox.map((x) => x.length);
          const r = perform(w, c, step);
          checkQuotas(w, c, r, before, snap);
          checkCapacity(w, step);
          sides = THRESHOLDS.map((t, i) => checkCrossings(w, t, inbox[i]!.slice(seen[i]), sides[i]!));
        });
      }),
      { numRuns: 150 },
    );
  });
});
