import { describe, expect, it } from "vitest";
import {
  ADD_ABOVE_MAX_UNIT,
  ADD_BELOW_MIN_UNIT,
  ADD_EXCEEDED,
  ADD_INSUFFICIENT,
  ADD_NO_INVENTORY,
  ADD_OK,
  ADD_STEP_SIZE,
  capacity,
  checkAdd,
  capacityVerdict,
  checkAmount,
  inventoryProblem,
  inventoryWarnings,
  isExceeded,
  MAX_UNITS,
  NOVA_DEFAULTS,
  unitVerdict,
  novaInventories,
  verdictReason,
  type Inventory,
} from "./inventory.js";

const inv = (over: Partial<Inventory> = {}): Inventory => ({
  total: 100,
  reserved: 0,
  allocationRatio: 1,
  minUnit: 1,
  maxUnit: 100,
  stepSize: 1,
  ...over,
});

describe("capacity", () => {
  it("is floor((total − reserved) × ratio)", () => {
    expect(capacity(inv({ total: 10, reserved: 3, allocationRatio: 1.5 }))).toBe(10); // 10.5
    expect(capacity(inv({ total: 32, allocationRatio: 4 }))).toBe(128);
    expect(capacity(undefined)).toBe(0);
  });

  it("decides exactly as Placement's float comparison used + amount > capacity", () => {
    // (7 − 0) × 1.1 = 7.700000000000001: 7 fits, 8 does not, as in Python.
    const i = inv({ total: 7, allocationRatio: 1.1 });
    expect(checkAdd(i, 0, 7)).toBe(ADD_OK);
    expect(checkAdd(i, 0, 8)).toBe(ADD_INSUFFICIENT);
  });
});

describe("Nova defaults (2023.1+)", () => {
  const inventories = novaInventories({ vcpus: 32, memoryMb: 65536, diskGb: 500 });

  it("32 cores with ratio 4 give 128 VCPU, max_unit 32", () => {
    expect(inventories.VCPU).toMatchObject({ total: 32, allocationRatio: 4, maxUnit: 32 });
    expect(capacity(inventories.VCPU)).toBe(128);
  });

  it("keeps 512 MB for the host, RAM and disk ratio 1, no PCPU without a dedicated set", () => {
    expect(inventories.MEMORY_MB).toMatchObject({ reserved: 512, allocationRatio: 1 });
    expect(capacity(inventories.MEMORY_MB)).toBe(65024);
    expect(inventories.DISK_GB).toMatchObject({ allocationRatio: 1, reserved: 0 });
    expect(inventories.PCPU).toBeUndefined();
    expect(novaInventories({ vcpus: 8, pcpus: 8, memoryMb: 1024, diskGb: 1 }).PCPU?.allocationRatio).toBe(1);
  });

  it("rejects a 40-vCPU VM on a 32-core host even though 128 VCPU are free", () => {
    expect(checkAdd(inventories.VCPU, 0, 40)).toBe(ADD_ABOVE_MAX_UNIT);
    expect(checkAdd(inventories.VCPU, 0, 32)).toBe(ADD_OK);
    expect(verdictReason(ADD_ABOVE_MAX_UNIT, "VCPU")).toBe("VCPU exceeds max_unit");
  });
});

describe("checkAdd", () => {
  it("checks units before capacity", () => {
    const i = inv({ minUnit: 2, maxUnit: 8, stepSize: 2 });
    expect(checkAdd(i, 0, 1)).toBe(ADD_BELOW_MIN_UNIT);
    expect(checkAdd(i, 0, 10)).toBe(ADD_ABOVE_MAX_UNIT);
    expect(checkAdd(i, 0, 3)).toBe(ADD_STEP_SIZE);
    expect(checkAdd(i, 98, 4)).toBe(ADD_INSUFFICIENT);
    expect(checkAdd(i, 96, 4)).toBe(ADD_OK);
  });

  it("treats amount 0 as not requested and a missing inventory as capacity 0", () => {
    expect(checkAdd(undefined, 0, 0)).toBe(ADD_OK);
    expect(checkAdd(undefined, 0, 1)).toBe(ADD_NO_INVENTORY);
  });

  it("rejects anything new on an exceeded pair (INV-A2)", () => {
    const shrunk = inv({ total: 50, maxUnit: 50 });
    expect(isExceeded(shrunk, 60)).toBe(true);
    expect(checkAdd(shrunk, 60, 1)).toBe(ADD_EXCEEDED);
    expect(verdictReason(ADD_EXCEEDED, "MEMORY_MB")).toBe("MEMORY_MB capacity exceeded");
  });
});

describe("inventoryProblem (INV-A5 shape)", () => {
  it("accepts a valid record and names the problem of a bad one", () => {
    expect(inventoryProblem("VCPU", inv())).toBeNull();
    expect(inventoryProblem("VCPU", inv({ reserved: 101 }))).toMatch(/reserved/);
    expect(inventoryProblem("VCPU", inv({ total: 0 }))).toMatch(/total/);
    expect(inventoryProblem("PCPU", inv({ allocationRatio: 2 }))).toBeNull();
    expect(inventoryProblem("VCPU", inv({ maxUnit: 0 }))).toMatch(/maxUnit/);
    expect(inventoryProblem("VCPU", inv({ stepSize: 0 }))).toMatch(/stepSize/);
    expect(inventoryProblem("VCPU", inv({ allocationRatio: Number.NaN }))).toMatch(/allocationRatio/);
    expect(inventoryProblem("MEMORY_MB", inv({ total: 2 ** 31, maxUnit: 1 }))).toMatch(/exceed/);
  });
});

describe("inventoryWarnings: what Placement stores and no compute reports", () => {
  it("warns on ratio 0, a PCPU ratio other than 1 and min_unit > max_unit, and on nothing else", () => {
    expect(inventoryWarnings("VCPU", inv())).toEqual([]);
    expect(inventoryWarnings("VCPU", inv({ allocationRatio: 0 }))).toEqual(["VCPU: allocationRatio 0 leaves no capacity"]);
    expect(inventoryWarnings("PCPU", inv({ allocationRatio: 2 }))).toEqual(["PCPU: allocationRatio 2 (Nova reports 1.0 for pinned CPUs; Placement stores any)"]);
    expect(inventoryWarnings("VCPU", inv({ minUnit: 5, maxUnit: 4 }))).toEqual(["VCPU: minUnit 5 > maxUnit 4: no allocation of this class fits"]);
    // Nothing fits such a pair, and a ratio-0 pair has no capacity: the one capacity rule says so.
    expect(checkAdd(inv({ minUnit: 5, maxUnit: 4 }), 0, 4)).toBe(ADD_BELOW_MIN_UNIT);
    expect(checkAdd(inv({ minUnit: 5, maxUnit: 4 }), 0, 5)).toBe(ADD_ABOVE_MAX_UNIT);
    expect(capacity(inv({ allocationRatio: 0 }))).toBe(0);
  });
});

describe("capacity verdicts at the boundaries", () => {
  it("exactly at capacity fits, one more is insufficient; used exactly at capacity is not exceeded", () => {
    expect(capacityVerdict(10, 6, 4)).toBe(ADD_OK);
    expect(capacityVerdict(10, 6, 5)).toBe(ADD_INSUFFICIENT);
    expect(capacityVerdict(10, 10, 1)).toBe(ADD_INSUFFICIENT);
    expect(capacityVerdict(10, 11, 1)).toBe(ADD_EXCEEDED);
    expect(capacityVerdict(10, 10, 0)).toBe(ADD_OK);
    expect(isExceeded(inv({ total: 10, maxUnit: 10 }), 10)).toBe(false);
    expect(isExceeded(inv({ total: 10, maxUnit: 10 }), 11)).toBe(true);
    expect(isExceeded(undefined, 0)).toBe(false);
    expect(isExceeded(undefined, 1)).toBe(true);
  });

  it("unit rules at their boundaries: min and max units fit, steps are multiples", () => {
    expect(unitVerdict(true, 2, 8, 2, 2)).toBe(ADD_OK);
    expect(unitVerdict(true, 2, 8, 2, 8)).toBe(ADD_OK);
    expect(unitVerdict(true, 2, 8, 2, 1)).toBe(ADD_BELOW_MIN_UNIT);
    expect(unitVerdict(true, 2, 8, 2, 9)).toBe(ADD_ABOVE_MAX_UNIT);
    expect(unitVerdict(true, 1, 8, 3, 6)).toBe(ADD_OK);
    expect(unitVerdict(true, 1, 8, 3, 7)).toBe(ADD_STEP_SIZE);
    expect(unitVerdict(false, 1, 8, 1, 1)).toBe(ADD_NO_INVENTORY);
  });

  it("checkAmount: amount 0 passes even without inventory or over capacity; units before capacity", () => {
    expect(checkAmount(false, 1, 1, 1, 0, 5, 0)).toBe(ADD_OK);
    expect(checkAmount(true, 1, 8, 1, 4, 9, 0)).toBe(ADD_OK);
    expect(checkAmount(true, 2, 8, 1, 4, 9, 1)).toBe(ADD_BELOW_MIN_UNIT);
    expect(checkAmount(true, 1, 8, 1, 4, 9, 1)).toBe(ADD_EXCEEDED);
    expect(checkAmount(true, 1, 8, 1, 4, 3, 1)).toBe(ADD_OK);
    expect(checkAmount(true, 1, 8, 1, 4, 3, 2)).toBe(ADD_INSUFFICIENT);
  });

  it("checkAdd reads the record's unit rules and capacity (reserved and ratio applied)", () => {
    const i = inv({ total: 10, reserved: 2, allocationRatio: 1.5, minUnit: 2, maxUnit: 6, stepSize: 2 });
    expect(checkAdd(i, 6, 6)).toBe(ADD_OK);
    expect(checkAdd(i, 8, 6)).toBe(ADD_INSUFFICIENT);
    expect(checkAdd(i, 0, 1)).toBe(ADD_BELOW_MIN_UNIT);
    expect(checkAdd(i, 0, 8)).toBe(ADD_ABOVE_MAX_UNIT);
    expect(checkAdd(inv({ stepSize: 4 }), 0, 6)).toBe(ADD_STEP_SIZE);
    expect(checkAdd(undefined, 5, 1)).toBe(ADD_NO_INVENTORY);
  });

  it("every verdict has its countable reason text", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((v) => verdictReason(v as 0, "DISK_GB"))).toEqual([
      "ok",
      "no DISK_GB inventory",
      "DISK_GB below min_unit",
      "DISK_GB exceeds max_unit",
      "DISK_GB not a multiple of step_size",
      "DISK_GB capacity exceeded",
      "insufficient DISK_GB",
    ]);
  });
});

describe("inventoryProblem boundaries", () => {
  const p = (over: Partial<Inventory>, rc: "VCPU" | "PCPU" = "VCPU"): string | null => inventoryProblem(rc, inv(over));
  it("names each rule's problem exactly", () => {
    expect(p({ total: 0 })).toBe("VCPU: total must be a positive integer");
    expect(p({ total: 1.5 })).toBe("VCPU: total must be a positive integer");
    expect(p({ total: -1 })).toBe("VCPU: total must be a positive integer");
    expect(p({ reserved: -1 })).toBe("VCPU: reserved must be an integer in [0, total]");
    expect(p({ reserved: 0.5 })).toBe("VCPU: reserved must be an integer in [0, total]");
    expect(p({ reserved: 101 })).toBe("VCPU: reserved must be an integer in [0, total]");
    expect(p({ reserved: 100 })).toBeNull();
    // What a real Placement stores loads (issue 19): ratio 0, a PCPU ratio ≠ 1, min_unit > max_unit.
    expect(p({ allocationRatio: 0 })).toBeNull();
    expect(p({ allocationRatio: -1 })).toBe("VCPU: allocationRatio must be a finite number ≥ 0");
    expect(p({ allocationRatio: Number.POSITIVE_INFINITY })).toBe("VCPU: allocationRatio must be a finite number ≥ 0");
    expect(p({ allocationRatio: 0.01 })).toBeNull();
    expect(p({ allocationRatio: 2 }, "PCPU")).toBeNull();
    expect(p({ allocationRatio: 1 }, "PCPU")).toBeNull();
    expect(p({ minUnit: 0 })).toBe("VCPU: minUnit must be an integer ≥ 1");
    expect(p({ minUnit: 1.5 })).toBe("VCPU: minUnit must be an integer ≥ 1");
    expect(p({ minUnit: 5, maxUnit: 4 })).toBeNull();
    expect(p({ minUnit: 5, maxUnit: 5 })).toBeNull();
    expect(p({ maxUnit: 0 })).toBe("VCPU: maxUnit must be an integer ≥ 1");
    expect(p({ maxUnit: 2.5 })).toBe("VCPU: maxUnit must be an integer ≥ 1");
    expect(p({ stepSize: 0 })).toBe("VCPU: stepSize must be an integer ≥ 1");
    expect(p({ stepSize: 1.5 })).toBe("VCPU: stepSize must be an integer ≥ 1");
  });

  it("the 2^30 limit: a total of exactly 2^30 passes, one more fails, and a ratio pushing capacity over fails", () => {
    expect(MAX_UNITS).toBe(2 ** 30);
    expect(p({ total: MAX_UNITS, maxUnit: 1 })).toBeNull();
    const overTotal = `VCPU: total ${MAX_UNITS + 1} must not exceed ${MAX_UNITS} (2^30)`;
    expect(p({ total: MAX_UNITS + 1, maxUnit: 1 })).toBe(overTotal);
    // A total over the limit fails even when reserved units or a ratio below 1 bring capacity under it.
    expect(p({ total: MAX_UNITS + 1, maxUnit: 1, allocationRatio: 0.5 })).toBe(overTotal);
    expect(p({ total: MAX_UNITS + 1, reserved: 10, maxUnit: 1 })).toBe(overTotal);
    expect(p({ total: 2 ** 29, maxUnit: 1, allocationRatio: 2 })).toBeNull();
    expect(p({ total: 2 ** 29, maxUnit: 1, allocationRatio: 2.5 })).toBe(`VCPU: capacity (${2 ** 29} − 0) × 2.5 = ${2.5 * 2 ** 29} must not exceed ${MAX_UNITS} (2^30)`);
  });
});

describe("novaInventories", () => {
  it("PCPU records are pinned: ratio 1, nothing reserved, max_unit the count", () => {
    const out = novaInventories({ vcpus: 8, pcpus: 4, memoryMb: 1024, diskGb: 10, cpuAllocationRatio: 16 });
    expect(out.PCPU).toEqual({ total: 4, reserved: 0, allocationRatio: 1, minUnit: 1, maxUnit: 4, stepSize: 1 });
    expect(out.VCPU).toEqual({ total: 8, reserved: 0, allocationRatio: 16, minUnit: 1, maxUnit: 8, stepSize: 1 });
    expect(Object.keys(novaInventories({ vcpus: 0, pcpus: 0, memoryMb: 0, diskGb: 0 }))).toEqual([]);
  });

  it("applies each override and otherwise the defaults", () => {
    const out = novaInventories({
      vcpus: 8, memoryMb: 2048, diskGb: 100, ramAllocationRatio: 1.5, diskAllocationRatio: 2,
      reservedHostMemoryMb: 256, reservedHostCpus: 2, reservedHostDiskGb: 10,
    });
    expect(out.VCPU).toMatchObject({ reserved: 2, allocationRatio: NOVA_DEFAULTS.cpuAllocationRatio });
    expect(out.MEMORY_MB).toEqual({ total: 2048, reserved: 256, allocationRatio: 1.5, minUnit: 1, maxUnit: 2048, stepSize: 1 });
    expect(out.DISK_GB).toEqual({ total: 100, reserved: 10, allocationRatio: 2, minUnit: 1, maxUnit: 100, stepSize: 1 });
    const d = novaInventories({ vcpus: 1, memoryMb: 1024, diskGb: 1 });
    expect(d.MEMORY_MB).toMatchObject({ reserved: 512, allocationRatio: 1 });
    expect(d.DISK_GB).toMatchObject({ reserved: 0, allocationRatio: 1 });
    expect(d.VCPU).toMatchObject({ reserved: 0, allocationRatio: 4 });
    expect(d.PCPU).toBeUndefined();
  });

  it("capacity of ratio-scaled records is floored; an absent record has none", () => {
    expect(capacity(inv({ total: 3, reserved: 1, allocationRatio: 1.5 }))).toBe(3);
    expect(capacity(inv({ total: 7, allocationRatio: 0.5 }))).toBe(3);
    expect(capacity(undefined)).toBe(0);
  });
});
