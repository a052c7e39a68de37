/**
 * The rule of pool-sets.ts on hand-made zones: the defect it fixes (a 64-core pool whose cores fit
 * one 64-core host with one free set, asking 4 sets), the remainder of the division on fixed sets,
 * and the two countable shortfalls.
 */
import { describe, expect, it } from "vitest";
import { RC_MEMORY_MB, RC_VCPU } from "../../domain/index.js";
import { placePoolSets } from "./pool-sets.js";

/** Hosts with free [cores, ramMb] and free sets, read as the room over any window. */
function zone(hosts: readonly { cores: number; ramMb: number; sets: number }[]) {
  const room = (h: number, out: Float64Array) => {
    out.fill(0);
    out[RC_VCPU] = hosts[h]!.cores;
    out[RC_MEMORY_MB] = hosts[h]!.ramMb;
    return out;
  };
  return { hosts: hosts.map((_, h) => h), room, setsFree: (h: number, most: number) => Math.min(most, hosts[h]!.sets) };
}

const view = (chunks: ReturnType<typeof placePoolSets>) =>
  Array.isArray(chunks) ? chunks.map((p) => ({ host: p.host, cores: p.amounts[RC_VCPU], ramMb: p.amounts[RC_MEMORY_MB], sets: p.accSets })) : chunks;

describe("placePoolSets", () => {
  it("spreads 4 sets over four 64-core hosts with one free set each, 16 cores and a quarter of the RAM beside each", () => {
    const z = zone(Array.from({ length: 5 }, (_, h) => ({ cores: 64, ramMb: 262144, sets: h === 2 ? 0 : 1 })));
    expect(view(placePoolSets(z.hosts, 64, 131072, { count: 4, setsFree: z.setsFree }, z.room))).toEqual([
      { host: 0, cores: 16, ramMb: 32768, sets: 1 },
      { host: 1, cores: 16, ramMb: 32768, sets: 1 },
      { host: 3, cores: 16, ramMb: 32768, sets: 1 },
      { host: 4, cores: 16, ramMb: 32768, sets: 1 },
    ]);
  });

  it("puts the remainder of the division on fixed sets (the cumulative share) and follows the host order given", () => {
    const z = zone([{ cores: 8, ramMb: 100, sets: 2 }, { cores: 8, ramMb: 100, sets: 2 }]);
    // 10 cores over 3 sets: 3, 3, 4; host 1 first (next fit), taking 2 sets (6 cores), host 0 the last (4).
    expect(view(placePoolSets([1, 0], 10, 7, { count: 3, setsFree: z.setsFree }, z.room))).toEqual([
      { host: 1, cores: 6, ramMb: 4, sets: 2 },
      { host: 0, cores: 4, ramMb: 3, sets: 1 },
    ]);
  });

  it("says sets were short when the hosts hold fewer than asked, cores or RAM when the room beside the sets is short", () => {
    const z = zone([{ cores: 64, ramMb: 65536, sets: 1 }, { cores: 4, ramMb: 65536, sets: 2 }]);
    expect(placePoolSets(z.hosts, 16, 1024, { count: 4, setsFree: z.setsFree }, z.room)).toEqual({ short: "sets", freeSets: 3 });
    // 3 sets of 16 cores each: host 0 takes one, host 1 has 2 sets but 4 cores.
    expect(placePoolSets(z.hosts, 48, 1024, { count: 3, setsFree: z.setsFree }, z.room)).toEqual({ short: "capacity", placedSets: 1 });
  });
});
