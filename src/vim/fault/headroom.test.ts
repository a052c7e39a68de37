import { describe, expect, it } from "vitest";
import { allocateServers, faultWorld } from "../../testing/fault-world.js";
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
