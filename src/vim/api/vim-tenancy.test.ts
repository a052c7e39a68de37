/**
 * Model-based test of the library façade's tenancy: random operations by random callers (a cloud
 * administrator, and per tenant a tenant-admin, a member and a reader) on random resource ids,
 * including other tenants' and deleted ones. After every step: a non-cloud caller changed nothing
 * outside its own tenant; a FORBIDDEN or NOT_FOUND changed nothing at all; a refusal happens exactly
 * when a deliberately simpler privilege model (below) or tenant ownership says so; every caller's
 * queries return exactly its tenant's resources (all for the cloud administrator); a stack is
 * all-or-nothing; terminate leaves no port bound to and no volume attached to the server (INV-J1).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Result } from "../../domain/index.js";
import { vimWorld, type VimWorld } from "../../testing/facade-world.js";
import type { Caller } from "./guard.js";
import type { StackResourceRequest } from "./stack.js";
import type { VimNotification } from "../change/notifications.js";

/** The simpler model: readers only read, members do everything but security groups, admins all. */
const ACTIONS = ["allocate", "terminate", "operate", "update", "createNetwork", "createPort", "bindPort", "deleteNetwork", "createVolume", "attach", "deleteVolume", "createKeyPair", "deleteKeyPair", "createGroup", "deleteGroup", "createStack", "deleteStack", "interfaces", "get"] as const;
type Action = (typeof ACTIONS)[number];
const allowed = (role: string, a: Action): boolean => a === "get" || role === "cloud-admin" || role === "tenant-admin" || (role === "member" && a !== "createGroup" && a !== "deleteGroup");

interface Entry { readonly tenantId: string; readonly kind: string; readonly state: string }
type Snapshot = Map<string, Entry>;

/** Everything the cloud administrator sees, by id. */
function snapshot(w: VimWorld): Snapshot {
  const a = w.vim.admin;
  const out: Snapshot = new Map();
  const put = (kind: string, id: string, tenantId: string, state: unknown): void => void out.set(id, { tenantId, kind, state: JSON.stringify(state) });
  for (const s of value(w.vim.compute.query(a))) put("server", s["computeId"] as string, s["tenantId"] as string, s);
  for (const n of value(w.vim.network.queryNetworks(a))) put("network", n.networkResourceId, n.tenantId, { subnets: n.subnetIds, ports: [...n.portIds].sort() });
  for (const p of value(w.vim.network.queryPorts(a))) put("port", p.resourceId, p.tenantId, { at: p.attachedResourceId, ips: p.fixedIps.map((f) => String(f.address)) });
  for (const v of value(w.vim.storage.query(a))) put("volume", v.storageId, v.tenantId, { status: v.status, at: v.attachments, size: v.sizeOfStorageGb });
  for (const k of value(w.vim.keyPairs.list(a))) put("keypair", k.keyPairId, k.tenantId, k);
  for (const g of value(w.vim.securityGroups.list(a))) put("group", g.securityGroupId, g.tenantId, g);
  for (const s of value(w.vim.stacks.list(a))) put("stack", s["stackId"] as string, s["tenantId"] as string, s);
  return out;
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`admin query failed: ${r.error.message}`);
  return r.value;
}

const command = fc.record({
  who: fc.nat(),
  action: fc.constantFrom(...ACTIONS),
  pick: fc.nat(),
  pick2: fc.nat(),
  flag: fc.boolean(),
  size: fc.integer({ min: 1, max: 30 }),
  stack: fc.array(fc.constantFrom("server", "bigServer", "net", "volume", "bigVolume"), { minLength: 1, maxLength: 4 }),
});
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB";

function stackResources(kinds: readonly string[]): StackResourceRequest[] {
  return kinds.map((k, i): StackResourceRequest => {
    const name = `${k}${i}`;
    if (k === "server" || k === "bigServer") return { type: "OS::Nova::Server", name, flavourId: k === "server" ? "small" : "huge" };
    if (k === "net") return { type: "OS::Neutron::Net", name, networkType: "vxlan", cidr: "10.1.0.0/24" };
    return { type: "OS::Cinder::Volume", name, zoneId: "az1", sizeGb: k === "volume" ? 2 : 99 };
  });
}

/** Performs one command; the id it targets (if any) for the ownership check. */
function perform(w: VimWorld, caller: Caller, c: Command, ids: readonly string[], of: (kind: string, n: number) => string): { target?: string; result: Result<unknown> } {
  const v = w.vim;
  const any = ids[c.pick % Math.max(1, ids.length)] ?? "none";
  switch (c.action) {
    case "allocate": return { result: v.compute.allocate(caller, { flavourId: c.flag ? "small" : "huge" }) };
    case "terminate": { const t = of("server", c.pick); return { target: t, result: v.compute.terminate(caller, t) }; }
    case "operate": { const t = of("server", c.pick); return { target: t, result: v.compute.operate(caller, t, c.flag ? "stop" : "start") }; }
    case "update": { const t = of("server", c.pick); return { target: t, result: v.compute.update(caller, t, { k: String(c.size) }) }; }
    case "createNetwork": return { result: v.network.createNetwork(caller, { networkType: "vxlan" }) };
    case "createPort": { const t = of("network", c.pick); return { target: t, result: v.network.createPort(caller, { networkId: t }) }; }
    case "bindPort": { const t = of("port", c.pick); return { target: t, result: v.network.bindPort(caller, t, of("server", c.pick2)) }; }
    case "deleteNetwork": { const t = c.flag ? of("network", c.pick) : of("port", c.pick); return { target: t, result: v.network.delete(caller, t) }; }
    case "createVolume": return { result: v.storage.create(caller, { zoneId: "az1", sizeOfStorageGb: c.size }) };
    case "attach": { const t = of("volume", c.pick); return { target: t, result: v.storage.attach(caller, t, of("server", c.pick2)) }; }
    case "deleteVolume": { const t = of("volume", c.pick); return { target: t, result: v.storage.delete(caller, t) }; }
    case "createKeyPair": return { result: v.keyPairs.create(caller, `k${c.size % 3}`, KEY) };
    case "deleteKeyPair": { const t = of("keypair", c.pick); return { target: t, result: v.keyPairs.delete(caller, t) }; }
    case "createGroup": return { result: v.securityGroups.create(caller, `g${c.size}`, [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }]) };
    case "deleteGroup": { const t = of("group", c.pick); return { target: t, result: v.securityGroups.delete(caller, t) }; }
    case "createStack": return { result: v.stacks.create(caller, { name: `s${c.size % 4}`, resources: stackResources(c.stack) }) };
    case "deleteStack": { const t = of("stack", c.pick); return { target: t, result: v.stacks.delete(caller, t) }; }
    case "interfaces": {
      const t = of("server", c.pick);
      return { target: t, result: v.compute.updateInterfaces(caller, t, c.flag ? { add: [{ networkId: of("network", c.pick2) }] } : { remove: [of("port", c.pick2)] }) };
    }
    case "get": return { target: any, result: any.startsWith("vm-") ? v.compute.get(caller, any) : any.startsWith("stack-") ? v.stacks.get(caller, any) : v.compute.get(caller, "vm-0") };
  }
}

/** Queries by every caller return exactly its tenant's resources (all for the cloud administrator). */
function checkQueries(w: VimWorld, snap: Snapshot): void {
  for (const { caller, tenantId, role } of w.callers) {
    const mine = (kind: string): string[] => [...snap].filter(([, e]) => e.kind === kind && (role === "cloud-admin" || e.tenantId === tenantId)).map(([id]) => id).sort();
    const ids = <T>(r: Result<T[]>, id: (x: T) => string): string[] => value(r).map(id).sort();
    expect(ids(w.vim.compute.query(caller), (s) => s["computeId"] as string), `${caller.userId} servers`).toEqual(mine("server"));
    expect(ids(w.vim.network.queryNetworks(caller), (n) => n.networkResourceId)).toEqual(mine("network"));
    expect(ids(w.vim.network.queryPorts(caller), (p) => p.resourceId)).toEqual(mine("port"));
    expect(ids(w.vim.storage.query(caller), (x) => x.storageId)).toEqual(mine("volume"));
    expect(ids(w.vim.keyPairs.list(caller), (k) => k.keyPairId)).toEqual(mine("keypair"));
    expect(ids(w.vim.securityGroups.list(caller), (g) => g.securityGroupId)).toEqual(mine("group"));
    expect(ids(w.vim.stacks.list(caller), (s) => s["stackId"] as string)).toEqual(mine("stack"));
  }
}

function checkStep(w: VimWorld, who: VimWorld["callers"][number], c: Command, before: Snapshot, target: string | undefined, r: Result<unknown>): Snapshot {
  const after = snapshot(w);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id)?.state !== after.get(id)?.state);
  const label = `${who.caller.userId} ${c.action} ${target ?? ""}`;
  if (!allowed(who.role, c.action)) expect(r.ok ? "OK" : r.error.kind, label).toBe("FORBIDDEN");
  const owner = target === undefined ? undefined : before.get(target)?.tenantId;
  if (who.role !== "cloud-admin" && owner !== undefined && owner !== who.tenantId) expect(r.ok, label).toBe(false);
  if (!r.ok && (r.error.kind === "FORBIDDEN" || r.error.kind === "NOT_FOUND")) expect(changed, label).toEqual([]);
  // A tenant user never changes another tenant's resources (creations included).
  if (who.role !== "cloud-admin") for (const id of changed) expect((after.get(id) ?? before.get(id))!.tenantId, `${label} changed ${id}`).toBe(who.tenantId);
  if (c.action === "createStack") {
    const others = (s: Snapshot): string => JSON.stringify([...s].filter(([, e]) => e.kind !== "stack"));
    if (!r.ok) expect(others(after), `${label}: a failed stack leaves nothing`).toBe(others(before));
    else expect(c.stack.every((k) => k === "server" || k === "net" || k === "volume")).toBe(true);
  }
  if (c.action === "terminate" && r.ok) {
    const gone = target!;
    expect([...after.values()].some((e) => (e.kind === "port" || e.kind === "volume") && e.state.includes(`"${gone}"`)), `${gone} left bound (INV-J1)`).toBe(false);
  }
  return after;
}

interface Heard {
  readonly recordsBefore: number;
  readonly all: VimNotification[];
  readonly byTenant: Map<string, VimNotification[]>;
}

/** Subscribes the cloud administrator to everything and one member per tenant (forced to its tenant). */
function listen(w: VimWorld): Heard {
  const heard: Heard = { recordsBefore: w.log.count, all: [], byTenant: new Map() };
  value(w.vim.changes.subscribe(w.vim.admin, {}, (n) => heard.all.push(n)));
  for (const { caller, tenantId, role } of w.callers) {
    if (role !== "member") continue;
    const mine: VimNotification[] = [];
    heard.byTenant.set(tenantId, mine);
    value(w.vim.changes.subscribe(caller, {}, (n) => mine.push(n)));
  }
  return heard;
}

/**
 * INV-H1: one notification per log record of every service (compute, network, storage, identity,
 * images) since the subscription; H2: in (time, seq) order; H5: a tenant hears exactly its own.
 */
function checkNotifications(w: VimWorld, heard: Heard): void {
  expect(heard.all.length, "one notification per committed change (INV-H1)").toBe(w.log.count - heard.recordsBefore);
  heard.all.forEach((n, i) => {
    if (i > 0) expect(n.seq, "strictly increasing seq (INV-H2)").toBeGreaterThan(heard.all[i - 1]!.seq);
  });
  for (const [tenantId, mine] of heard.byTenant) {
    expect(mine.map((n) => n.seq), `tenant ${tenantId} hears exactly its own changes (INV-H5)`).toEqual(heard.all.filter((n) => n.tenantId === tenantId || n.kind === "information").map((n) => n.seq));
  }
}

describe("library façade tenancy (model-based)", () => {
  it("never lets a tenant see or change another tenant's resources, and refuses without side effects", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 35 }), (commands) => {
        const w = vimWorld(2, 3);
        const heard = listen(w);
        let snap = snapshot(w);
        for (const c of commands) {
          const who = w.callers[c.who % w.callers.length]!;
          const all = [...snap.keys()];
          const of = (kind: string, n: number): string => {
            const pool = all.filter((id) => snap.get(id)!.kind === kind);
            return pool[n % Math.max(1, pool.length)] ?? `${kind}-missing`;
          };
          const { target, result } = perform(w, who.caller, c, all, of);
          snap = checkStep(w, who, c, snap, target, result);
          checkQueries(w, snap);
        }
        checkNotifications(w, heard);
      }),
      { numRuns: 60 },
    );
  });
});
