import { describe, expect, it } from "vitest";
import { Ledger, LEDGER_MAX_SLOTS } from "./ledger.js";
import { createNfviState } from "./create-nfvi.js";
import { novaHost } from "./host.js";
import { asId, InvariantViolation, type HostId, type RackId, type ZoneId } from "../domain/index.js";

const vec = (n: number): number[] => [n, n + 1, n + 2, n + 3];

describe("Ledger", () => {
  it("holds many more than 16 consumers: growth keeps every row, lookups and records intact", () => {
    const ledger = new Ledger();
    const slots: number[] = [];
    for (let i = 0; i < 100; i++) slots.push(ledger.add(`c${i}`, i % 7, vec(i), i * 10));
    expect(slots).toEqual([...Array(100).keys()]);
    expect(ledger.size).toBe(100);
    for (let i = 0; i < 100; i++) {
      expect(ledger.record(i)).toEqual({ consumerId: `c${i}`, hostIndex: i % 7, amounts: { VCPU: i, PCPU: i + 1, MEMORY_MB: i + 2, DISK_GB: i + 3 } });
      expect(ledger.epochOf(i)).toBe(i * 10);
      expect(ledger.hostOf(i)).toBe(i % 7);
      expect(ledger.amountOf(i, 3)).toBe(i + 3);
      expect(ledger.isLive(i)).toBe(true);
    }
    expect(ledger.slot("c99")).toBe(99);
    expect(ledger.slot("c17")).toBe(17);
    expect([...ledger.consumerIds()]).toHaveLength(100);
    expect(ledger.isLive(100)).toBe(false);
  });

  it("reuses released slots last-in first-out and forgets their ids", () => {
    const ledger = new Ledger();
    for (let i = 0; i < 20; i++) ledger.add(`c${i}`, 0, vec(i), 0);
    expect(ledger.indexed).toBe(false);
    expect(ledger.has("c3")).toBe(true);
    expect(ledger.indexed).toBe(true);
    ledger.delete(3);
    ledger.delete(18);
    expect(ledger.size).toBe(18);
    expect(ledger.has("c3")).toBe(false);
    expect(ledger.slot("c3")).toBe(-1);
    expect(ledger.isLive(3)).toBe(false);
    expect(ledger.add("n1", 5, vec(50), 7)).toBe(18);
    expect(ledger.add("n2", 6, vec(60), 8)).toBe(3);
    expect(ledger.add("n3", 6, vec(70), 8)).toBe(20);
    expect(ledger.slot("n2")).toBe(3);
    expect(ledger.record(3)).toEqual({ consumerId: "n2", hostIndex: 6, amounts: { VCPU: 60, PCPU: 61, MEMORY_MB: 62, DISK_GB: 63 } });
    // Re-adding into a slot leaves its neighbours' rows as they were.
    expect(ledger.record(4)).toEqual({ consumerId: "c4", hostIndex: 0, amounts: { VCPU: 4, PCPU: 5, MEMORY_MB: 6, DISK_GB: 7 } });
    expect(ledger.epochOf(4)).toBe(0);
    expect(ledger.record(19)).toEqual({ consumerId: "c19", hostIndex: 0, amounts: { VCPU: 19, PCPU: 20, MEMORY_MB: 21, DISK_GB: 22 } });
    expect(ledger.size).toBe(21);
  });

  it("deleting before the index exists still frees the slot; the index is built from live slots only", () => {
    const ledger = new Ledger();
    ledger.add("a", 0, vec(1), 0);
    ledger.add({ id: "b" }, 1, vec(2), 0);
    ledger.delete(0);
    expect(ledger.indexed).toBe(false);
    expect([...ledger.consumerIds()]).toEqual(["b"]);
    expect(ledger.slot("b")).toBe(1);
    expect(ledger.record(1).consumerId).toBe("b");
  });

  it("renames a consumer keeping its slot, host, amounts and epoch", () => {
    const ledger = new Ledger();
    ledger.add({ id: "vm-1" }, 2, vec(4), 9);
    ledger.rename(0, "vm-2");
    expect(ledger.has("vm-1")).toBe(false);
    expect(ledger.slot("vm-2")).toBe(0);
    expect(ledger.record(0)).toEqual({ consumerId: "vm-2", hostIndex: 2, amounts: { VCPU: 4, PCPU: 5, MEMORY_MB: 6, DISK_GB: 7 } });
    expect(ledger.epochOf(0)).toBe(9);
  });

  it("lists the live consumers on marked hosts by slot", () => {
    const ledger = new Ledger();
    const b = { id: "b" };
    ledger.add("a", 0, vec(1), 0);
    ledger.add(b, 1, vec(1), 0);
    ledger.add("c", 2, vec(1), 0);
    ledger.add("d", 1, vec(1), 0);
    ledger.delete(3);
    expect(ledger.consumersOn(Uint8Array.from([0, 1, 1]))).toEqual([b, "c"]);
    expect(ledger.consumersOn(Uint8Array.from([1, 0, 0]))).toEqual(["a"]);
    expect(ledger.consumersOn(Uint8Array.from([0, 0, 0]))).toEqual([]);
  });

  it("two live slots with one id break INV-A6 when the index is built", () => {
    const ledger = new Ledger();
    ledger.add("x", 0, vec(1), 0);
    ledger.add("y", 0, vec(1), 0);
    ledger.add({ id: "x" }, 1, vec(1), 0);
    expect(() => ledger.has("y")).toThrow(InvariantViolation);
    expect(() => ledger.slot("y")).toThrow("consumer x holds two allocations (slots 0 and 2)");
    expect(() => ledger.has("x")).toThrow(/^INV-A6: consumer x holds two allocations/);
    expect(ledger.indexed).toBe(false);
  });
});

describe("INV-A6 through NfviState", () => {
  it("a consumer id claimed twice on the unindexed hot path is caught when anything looks it up", () => {
    const built = createNfviState([novaHost({ id: asId<HostId>("h1"), zone: asId<ZoneId>("z"), rack: asId<RackId>("r"), vcpus: 4, memoryMb: 4096, diskGb: 10 })]);
    if (!built.ok) throw new Error(built.error.message);
    const nfvi = built.value;
    const v = Float64Array.from([1, 0, 512, 1]);
    expect(nfvi.claimVector("vm-1", 0, v)).toBe(0);
    expect(nfvi.claimVector("vm-1", 0, v)).toBe(1);
    expect(() => nfvi.allocation("vm-1")).toThrow("INV-A6: consumer vm-1 holds two allocations (slots 0 and 1)");
  });

  it("once the index exists, the hot path refuses a duplicate id", () => {
    const built = createNfviState([novaHost({ id: asId<HostId>("h1"), zone: asId<ZoneId>("z"), rack: asId<RackId>("r"), vcpus: 4, memoryMb: 4096, diskGb: 10 })]);
    if (!built.ok) throw new Error(built.error.message);
    const nfvi = built.value;
    const v = Float64Array.from([1, 0, 512, 1]);
    expect(nfvi.claimVector("vm-1", 0, v)).toBe(0);
    expect(nfvi.allocation("vm-1")?.hostIndex).toBe(0);
    expect(nfvi.claimVector("vm-1", 0, v)).toBe(-1);
    expect(nfvi.consumerCount).toBe(1);
  });
});

describe("Ledger limit", () => {
  it("fails naming its limit when more consumers are held at once than it has slots (4 here, LEDGER_MAX_SLOTS in runs), and reuses freed slots below it", () => {
    const ledger = new Ledger(4);
    const vector = [1, 0, 512, 0];
    const slots = ["a", "b", "c", "d"].map((id) => ledger.add(id, 0, vector, 0));
    expect(slots).toEqual([0, 1, 2, 3]);
    expect(() => ledger.add("e", 0, vector, 0)).toThrow(InvariantViolation);
    expect(() => ledger.add("e", 0, vector, 0)).toThrow(/ledger is full: 4 allocations held at once is its limit \(LEDGER_MAX_SLOTS\)/);
    ledger.delete(slots[1]!);
    expect(ledger.add("e", 0, vector, 0)).toBe(1);
    expect(ledger.size).toBe(4);
    expect(LEDGER_MAX_SLOTS).toBe(2 ** 28);
  });
});
