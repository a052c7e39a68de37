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
  inventoryProblem,
  isExceeded,
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
    expect(inventoryProblem("PCPU", inv({ allocationRatio: 2 }))).toMatch(/PCPU/);
    expect(inventoryProblem("VCPU", inv({ maxUnit: 0 }))).toMatch(/maxUnit/);
    expect(inventoryProblem("VCPU", inv({ stepSize: 0 }))).toMatch(/stepSize/);
    expect(inventoryProblem("VCPU", inv({ allocationRatio: Number.NaN }))).toMatch(/allocationRatio/);
    expect(inventoryProblem("MEMORY_MB", inv({ total: 2 ** 31, maxUnit: 1 }))).toMatch(/exceed/);
  });
});
