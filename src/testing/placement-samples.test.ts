/**
 * Answers of a real Placement (placement-samples.ts) read into the twin's model: the capacities, the
 * usages after replaying the recorded allocations, and Nova's inventory report for the same hosts.
 * In-process; placement-real.test.ts replays the same samples into a live Placement.
 */
import { describe, expect, it } from "vitest";
import { RESOURCE_CLASSES } from "../domain/index.js";
import { novaInventories } from "../nfvi/index.js";
import { makeTwin } from "./placement-real.js";
import { sampleHosts } from "./placement-samples.js";

describe("recorded Placement answers in the twin's model", () => {
  const hosts = sampleHosts();

  it("reads every root provider's inventory records unchanged", () => {
    expect(hosts.map((h) => h.name)).toEqual(["az1-cmp01", "az1-cmp02", "az1-cmp03", "az2-cmp01", "az2-cmp02"]);
    for (const host of hosts) {
      for (const [rc, record] of Object.entries(host.records)) {
        expect(host.inventories[rc as keyof typeof host.inventories]).toEqual({
          total: record["total"],
          reserved: record["reserved"],
          allocationRatio: record["allocation_ratio"],
          minUnit: record["min_unit"],
          maxUnit: record["max_unit"],
          stepSize: record["step_size"],
        });
      }
    }
  });

  it("gives the capacities (total − reserved) × allocation_ratio of the recorded inventories", () => {
    const twin = makeTwin(hosts.map((h) => h.inventories));
    const capacities = hosts.map((_, h) => Object.fromEntries(RESOURCE_CLASSES.map((rc, c) => [rc, twin.state.capacity(h, c)])));
    // Worked by hand from the records: cmp01 VCPU (64 − 4) × 4.0, MEMORY_MB 393216 − 16384, DISK_GB 1920 − 100.
    const standard = { VCPU: 240, PCPU: 0, MEMORY_MB: 376832, DISK_GB: 1820 };
    expect(capacities).toEqual([standard, standard, { VCPU: 160, PCPU: 64, MEMORY_MB: 491520, DISK_GB: 3740 }, standard, standard]);
  });

  it("holds the recorded usages after claiming the recorded allocations", () => {
    const twin = makeTwin(hosts.map((h) => h.inventories));
    hosts.forEach((host, h) => {
      for (const [consumer, amounts] of Object.entries(host.allocations)) {
        expect(twin.state.claim(consumer, h, amounts)).toMatchObject({ ok: true });
      }
      const classes = Object.keys(host.usages);
      const twinUsages = Object.fromEntries(classes.map((rc) => [rc, twin.state.used(h, (RESOURCE_CLASSES as readonly string[]).indexOf(rc))]));
      expect(twinUsages).toEqual(host.usages);
    });
  });

  it("reports, through novaInventories, the records Nova's libvirt driver sent for the same hosts", () => {
    const cmp01 = novaInventories({ vcpus: 64, memoryMb: 393216, diskGb: 1920, reservedHostCpus: 4, reservedHostMemoryMb: 16384, reservedHostDiskGb: 100 });
    expect(cmp01).toEqual(hosts[0]!.inventories);
    const cmp03 = novaInventories({
      vcpus: 80,
      pcpus: 64,
      memoryMb: 524288,
      diskGb: 3840,
      cpuAllocationRatio: 2,
      reservedHostMemoryMb: 32768,
      reservedHostDiskGb: 100,
    });
    expect(cmp03).toEqual(hosts[2]!.inventories);
  });
});
