import { describe, expect, it } from "vitest";
import { asId, type HostId, type RackId, type ZoneId } from "../../domain/index.js";
import { novaHost, type NfviState } from "../../nfvi/index.js";
import { allocateServers, faultWorld } from "../../testing/fault-world.js";
import { smallNfvi } from "../../testing/small-vim.js";
import { nPlusOneHeadroom } from "./headroom.js";

describe("N+1 headroom", () => {
  it("an empty site survives any loss; a full zone's load does not fit in the other", () => {
    const w = faultWorld({ zones: 2, racks: 2, hostsPerRack: 1 });
    const empty = nPlusOneHeadroom(w.nfvi);
    expect(empty.racks.every((r) => r.survivable)).toBe(true);
    expect(empty.zones.map((z) => z.id)).toEqual(["z1", "z2"]);
    // 4 hosts of 64 GB: 40 servers of 4 GB fill 160 GB, spread over all four hosts (40 GB each).
    allocateServers(w, 40);
    const half = nPlusOneHeadroom(w.nfvi);
    // A rack (one host, 40 GB) fits in its zone's other host (24 GB free)? No: 40 > 24.
    expect(half.racks.every((r) => !r.survivable)).toBe(true);
    // A zone (80 GB) in the other zone (2 × (64 GB − 512 MB reserved − 40 GB) free)? No either.
    expect(half.zones.map((z) => z.survivable)).toEqual([false, false]);
    expect(half.zones[0]!.shortfallShare).toBeCloseTo((81_920 - 2 * (65_536 - 512 - 40_960)) / 81_920, 6);
  });
});

describe("N+1 headroom boundaries", () => {
  // 2 zones × 2 racks × 1 host; each host 1,024 MB allocatable (1,536 − 512 reserved), 4 VCPU, 10 GB.
  const site = (): NfviState => {
    const specs = [];
    for (const z of ["z1", "z2"])
      for (const r of ["r1", "r2"]) specs.push(novaHost({ id: asId<HostId>(`${z}-${r}`), zone: asId<ZoneId>(z), rack: asId<RackId>(r), vcpus: 1, memoryMb: 1_536, diskGb: 10 }));
    return smallNfvi(specs);
  };
  const claim = (nfvi: NfviState, id: string, h: number, memoryMb: number): void => {
    const r = nfvi.claim(id, h, { MEMORY_MB: memoryMb });
    if (!r.ok) throw new Error(r.error.message);
  };
  const shares = (report: ReturnType<typeof nPlusOneHeadroom>): Record<string, [boolean, number]> =>
    Object.fromEntries([...report.racks, ...report.zones].map((d) => [d.id, [d.survivable, d.shortfallShare]]));

  it("exactly zero shortfall is survivable; one unit more is not; an empty domain has share −1", () => {
    const nfvi = site();
    claim(nfvi, "a", 0, 600);
    claim(nfvi, "b", 1, 424);
    // Rack z1/r1 carries 600 MB, its zone's other host has exactly 600 MB free (and vice versa).
    expect(shares(nPlusOneHeadroom(nfvi))).toEqual({
      "z1/r1": [true, 0],
      "z1/r2": [true, 0],
      "z2/r1": [true, -1],
      "z2/r2": [true, -1],
      // z1 (1,024 MB) against z2's 2,048 MB free: (1,024 − 2,048) / 1,024.
      z1: [true, -1],
      z2: [true, -1],
    });
    claim(nfvi, "c", 0, 1);
    const after = shares(nPlusOneHeadroom(nfvi));
    expect(after["z1/r1"]).toEqual([false, Math.round((1 / 601) * 1e6) / 1e6]);
    // z1/r2 carries 424 MB against 423 MB free on z1-r1 now.
    expect(after["z1/r2"]).toEqual([false, Math.round((1 / 424) * 1e6) / 1e6]);
  });

  it("a rack's spare is its zone's other usable hosts only; unusable and exceeded hosts offer nothing", () => {
    const nfvi = site();
    claim(nfvi, "a", 0, 600);
    claim(nfvi, "z2", 2, 1_000);
    expect(shares(nPlusOneHeadroom(nfvi))["z1/r1"]).toEqual([true, Math.round(((600 - 1_024) / 600) * 1e6) / 1e6]);
    expect(shares(nPlusOneHeadroom(nfvi))["z2/r1"]).toEqual([true, Math.round(((1_000 - 1_024) / 1_000) * 1e6) / 1e6]);
    // z1 (600 MB) against z2's 24 + 1,024 MB free; z2 (1,000 MB) against z1's 424 + 1,024 MB.
    expect(shares(nPlusOneHeadroom(nfvi)).z1).toEqual([true, Math.round(((600 - 1_048) / 600) * 1e6) / 1e6]);
    expect(shares(nPlusOneHeadroom(nfvi)).z2).toEqual([true, Math.round(((1_000 - 1_448) / 1_000) * 1e6) / 1e6]);
    nfvi.setHostState(1, "DOWN");
    expect(shares(nPlusOneHeadroom(nfvi))["z1/r1"]).toEqual([false, 1]);
    expect(shares(nPlusOneHeadroom(nfvi)).z2).toEqual([false, Math.round(((1_000 - 424) / 1_000) * 1e6) / 1e6]);
    nfvi.setHostState(1, "UP");
    nfvi.setEnabled(1, false);
    expect(shares(nPlusOneHeadroom(nfvi))["z1/r1"]).toEqual([false, 1]);
    nfvi.setEnabled(1, true);
    // Lowering z1-r2 under its usage: its negative free counts as 0, not as minus spare elsewhere.
    claim(nfvi, "b", 1, 100);
    nfvi.setInventory(1, "MEMORY_MB", { total: 562, reserved: 512, allocationRatio: 1, minUnit: 1, maxUnit: 562, stepSize: 1 });
    expect(nfvi.free(1, 2)).toBe(-50);
    expect(shares(nPlusOneHeadroom(nfvi))["z1/r1"]).toEqual([false, 1]);
    expect(shares(nPlusOneHeadroom(nfvi)).z2).toEqual([false, Math.round(((1_000 - 424) / 1_000) * 1e6) / 1e6]);
  });

  it("the worst class decides, and a rack id already carrying its zone is kept", () => {
    const nfvi = site();
    expect(nfvi.claim("v", 0, { VCPU: 1, MEMORY_MB: 100 }).ok).toBe(true);
    for (const id of ["w1", "w2", "w3", "w4"]) expect(nfvi.claim(id, 1, { VCPU: 1 }).ok).toBe(true);
    // VCPU: 1 used, none free on z1-r2 → 1; MEMORY: 100 against 1,024 → negative. The worst decides.
    expect(shares(nPlusOneHeadroom(nfvi))["z1/r1"]).toEqual([false, 1]);
    const prefixed = smallNfvi([novaHost({ id: asId<HostId>("h"), zone: asId<ZoneId>("az1"), rack: asId<RackId>("az1/r01"), vcpus: 1, memoryMb: 1_536, diskGb: 10 })]);
    expect(nPlusOneHeadroom(prefixed).racks.map((d) => d.id)).toEqual(["az1/r01"]);
  });
});
