/**
 * INV-F1..F7 and J1 after every step of random sequences of accelerator and compute operations on a
 * small accelerated cloud (src/testing/acc-world.ts). fast-check prints the seed and path on failure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accWorld, ACC_IMAGES, type AccWorld } from "../../testing/acc-world.js";
import { ACC_STATISTICS, arqTransition, checkAccelerationInvariants, type ArqOp, type ArqState, type AccStatistic } from "../index.js";

type Command =
  | { readonly kind: "allocate"; readonly profile: string; readonly count: number }
  | { readonly kind: "terminate"; readonly pick: number }
  | { readonly kind: "advance"; readonly ms: number }
  | { readonly kind: "onload"; readonly device: number; readonly image: number }
  | { readonly kind: "disable"; readonly device: number }
  | { readonly kind: "discover"; readonly host: number }
  | { readonly kind: "attach"; readonly pick: number; readonly device: number }
  | { readonly kind: "release"; readonly pick: number; readonly bogus: boolean }
  | { readonly kind: "reset"; readonly host: number; readonly selector: AccStatistic[] }
  | { readonly kind: "operate"; readonly pick: number; readonly op: "resize" | "suspend" | "migrate.live" | "stop" }
  | { readonly kind: "hostFailure"; readonly pick: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant("allocate" as const), profile: fc.constantFrom("none", "ipsec", "fec", "gpu2", "mixed"), count: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant("terminate" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 60_000 }) }),
  fc.record({ kind: fc.constant("onload" as const), device: fc.nat(), image: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant("disable" as const), device: fc.nat() }),
  fc.record({ kind: fc.constant("discover" as const), host: fc.nat() }),
  fc.record({ kind: fc.constant("attach" as const), pick: fc.nat(), device: fc.nat() }),
  fc.record({ kind: fc.constant("release" as const), pick: fc.nat(), bogus: fc.boolean() }),
  fc.record({ kind: fc.constant("reset" as const), host: fc.nat(), selector: fc.subarray([...ACC_STATISTICS]) }),
  fc.record({ kind: fc.constant("operate" as const), pick: fc.nat(), op: fc.constantFrom("resize" as const, "suspend" as const, "migrate.live" as const, "stop" as const) }),
  fc.record({ kind: fc.constant("hostFailure" as const), pick: fc.nat() }),
);

const liveServers = (w: AccWorld) => new Map(w.compute.query().map((s) => [s.id, s] as const));

/** Applies one command, asserting its own contract (refusals change nothing, J1 on terminate). */
function apply(w: AccWorld, c: Command): void {
  const servers = [...liveServers(w).values()];
  const devices = w.acc.pool.devices;
  const logBefore = w.log.count;
  switch (c.kind) {
    case "allocate":
      w.compute.allocate({ tenant: "t", flavour: w.flavours[c.profile]!, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: Array(c.count).fill(10_000), measured: true });
      return;
    case "terminate": {
      const s = servers[c.pick % Math.max(1, servers.length)];
      if (s === undefined) return;
      expect(w.compute.terminate(s.no).ok).toBe(true);
      expect(w.acc.arqsOf(s.id)).toEqual([]); // INV-J1 / F4: handles free in the same step
      expect(w.nfvi.allocation(s.id)).toBeUndefined();
      return;
    }
    case "advance":
      w.sim.run({ untilMs: w.sim.nowMs + c.ms });
      return;
    case "onload": {
      const d = devices[c.device % devices.length]!;
      const image = ACC_IMAGES[c.image]!;
      const bound = d.boundCount > 0 && image.type === d.spec.type;
      const r = w.acc.onloadAccImage(d.id, image.id);
      if (bound) {
        expect(r.ok ? "ok" : r.error.kind).toBe("WRONG_STATE"); // INV-F5
        expect(w.log.count).toBe(logBefore);
      }
      if (!r.ok) expect(w.log.count).toBe(logBefore);
      return;
    }
    case "disable":
      w.acc.disableDevice(devices[c.device % devices.length]!.id, "injected fault");
      return;
    case "discover":
      w.acc.accResourcesDiscovery(w.nfvi.hostId(c.host % w.nfvi.hostCount));
      return;
    case "attach": {
      const s = servers[c.pick % Math.max(1, servers.length)];
      const d = devices[c.device % devices.length]!;
      if (s === undefined || s.hostIndex < 0) return;
      const r = w.acc.allocateAccResource({ consumer: s.id, hostIndex: s.hostIndex }, { type: d.spec.type }, d.id);
      if (d.hostIndex !== s.hostIndex) expect(r.ok ? "ok" : r.error.kind).toBe("INVALID_ARGUMENT");
      if (!r.ok) expect(w.log.count).toBe(logBefore);
      return;
    }
    case "release": {
      const arqs = w.acc.allArqs();
      const a = arqs[c.pick % Math.max(1, arqs.length)];
      const r = w.acc.releaseAccResource(c.bogus || a === undefined ? "arq-none" : a.id);
      if (!r.ok) expect(w.log.count).toBe(logBefore);
      return;
    }
    case "reset": {
      const hostId = w.nfvi.hostId(c.host % w.nfvi.hostCount);
      expect(w.acc.resetAccStatistics(hostId, {}, c.selector).ok).toBe(true);
      const read = w.acc.getAccStatistics(hostId, {}, c.selector);
      if (read.ok) for (const row of Object.values(read.value)) for (const v of Object.values(row)) expect(v).toBe(0); // INV-F6
      return;
    }
    case "hostFailure": {
      // The host of a server fails (Doctor resets its servers to ERROR) and they are evacuated.
      const s = servers[c.pick % Math.max(1, servers.length)];
      if (s === undefined || s.hostIndex < 0) return;
      const h = s.hostIndex;
      w.nfvi.setHostState(h, "DOWN");
      for (const x of servers) if (x.hostIndex === h) w.compute.hostFailed(x.no, (y) => y === h, "host down");
      for (const x of servers) if (x.hostIndex === h) w.compute.evacuate(x.no, 5_000);
      return;
    }
    case "operate": {
      const s = servers[c.pick % Math.max(1, servers.length)];
      if (s === undefined) return;
      const r = w.compute.operate(s.no, c.op);
      if (c.op !== "stop" && w.acc.arqsOf(s.id).length > 0 && s.hostIndex >= 0 && !r.ok) expect(["FORBIDDEN", "WRONG_STATE"]).toContain(r.error.kind);
      if (c.op !== "stop" && w.acc.arqsOf(s.id).length > 0) expect(r.ok).toBe(false);
      return;
    }
  }
}

/** Every "arq" record follows an edge of Cyborg's matrix (INV-F3), replayed from the log. */
function checkArqTrail(w: AccWorld): void {
  for (const r of w.log.kept) {
    if (r.entity !== "arq" || r.op === "create") continue;
    const from = (r.before as { state: ArqState }).state;
    const to = (r.after as { state: ArqState }).state;
    expect(arqTransition(from, r.op as ArqOp)?.next, `${r.id} ${from} --${r.op}-->`).toBe(to);
  }
}

/** INV-F3: a server with a device profile becomes ACTIVE only with all its requests Bound. */
function checkNewlyActive(w: AccWorld, seen: Set<string>): void {
  for (const s of w.compute.query()) {
    const profile = s.flavourSpec.deviceProfile;
    if (profile === undefined || s.state.vmState !== "active" || seen.has(s.id)) continue;
    seen.add(s.id);
    const bound = w.acc.arqsOf(s.id).filter((a) => a.profile === profile.name && a.state === "Bound");
    expect(bound.length).toBe(profile.groups.reduce((n, g) => n + g.count, 0));
  }
}

/** INV-F5: an enabled device with an image offers exactly the image's functions. */
function checkImages(w: AccWorld): void {
  for (const d of w.acc.pool.devices) {
    const image = d.imageId === undefined ? undefined : w.acc.pool.image(d.imageId);
    if (image !== undefined && d.state === "ENABLED") expect(d.functions).toEqual(image.functions);
  }
}

describe("accelerator invariants over random operation sequences", () => {
  it("INV-F1..F7 and J1 hold after every step", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), (commands) => {
        const w = accWorld(4);
        const stats = new Map<string, Record<string, number>>();
        const seenActive = new Set<string>();
        for (const c of commands) {
          apply(w, c);
          checkNewlyActive(w, seenActive);
          expect(checkAccelerationInvariants(w.acc, liveServers(w))).toBeNull();
          checkImages(w);
          // INV-F6: counters never decrease between resets.
          for (let h = 0; h < w.nfvi.hostCount; h++) {
            const read = w.acc.getAccStatistics(w.nfvi.hostId(h));
            if (!read.ok) continue;
            for (const [id, row] of Object.entries(read.value)) {
              const prev = stats.get(id);
              if (prev !== undefined && c.kind !== "reset") for (const k of Object.keys(row)) expect(row[k]!).toBeGreaterThanOrEqual(prev[k]!);
              stats.set(id, row);
            }
          }
        }
        checkArqTrail(w);
      }),
      {
        numRuns: 60,
        // Found by fast-check: a request released while its server's evacuation rebuild runs must fail the rebuild.
        examples: [[[{ kind: "allocate", profile: "gpu2", count: 1 }, { kind: "hostFailure", pick: 0 }, { kind: "release", pick: 0, bogus: false }, { kind: "advance", ms: 5001 }, { kind: "hostFailure", pick: 0 }] as Command[]]],
      },
    );
  });
});
