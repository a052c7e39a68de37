/**
 * The allocation ledger of NfviState: consumer id → (host, per-class amounts, inventory epoch).
 *
 * Why slots and typed arrays instead of a Map of Allocation records: a long-lived record per consumer
 * (allocation + amounts + entry) survives the young generation and is promoted, so every claim used to
 * feed the old-generation collector; and release read the amounts back through keyed property loads.
 * Here each consumer owns a reusable slot: its numbers live in typed arrays, the id map holds only a
 * small integer, and Allocation records are built on demand (`allocation`, `allocations`, release).
 */
import {
  InvariantViolation,
  RC_DISK_GB,
  RC_MEMORY_MB,
  RC_PCPU,
  RC_VCPU,
  RESOURCE_CLASS_COUNT,
  type ResourceAmounts,
} from "../domain/index.js";
import type { Allocation } from "./nfvi-view.js";

const C = RESOURCE_CLASS_COUNT;
/**
 * One row of numbers per slot: host, inventory epoch, then the amounts in class order. Rows, not one
 * array per field: a release reads all of them for a slot claimed long before (cold), and one row is
 * one cache line where three arrays were three misses.
 */
const HOST = 0;
const EPOCH = 1;
const AMOUNTS = 2;
const ROW = AMOUNTS + C;
/**
 * Most consumers one ledger holds at once: 2^28 slots are 2^28 rows of 8-byte numbers (about 13 GB),
 * past any memory a run has, and stay within a typed array's length. Past it `add` fails naming the
 * limit instead of a bare RangeError from the typed array.
 */
export const LEDGER_MAX_SLOTS = 2 ** 28;

/**
 * A consumer as the ledger holds it: its id, or an object that names itself on demand (a VIM server
 * builds its `vm-<no>` string only when something reads it: a million of them were 4 % of a run).
 */
export type LedgerConsumer = string | { readonly id: string };
const idOf = (consumer: LedgerConsumer): string => (typeof consumer === "string" ? consumer : consumer.id);

/**
 * Consumer allocations by slot. Callers check for presence before adding (no silent overwrite).
 *
 * The id → slot map is built only when something looks a consumer up by id: the VIM's hot path keeps
 * each server's slot and never does, and a million-entry string map was a tenth of the Erlang run.
 */
export class Ledger {
  /** `maxSlots` is LEDGER_MAX_SLOTS but in tests. */
  constructor(private readonly maxSlots = LEDGER_MAX_SLOTS) {}

  private slotOfMap: Map<string, number> | undefined;
  private live = 0;
  private consumers: (LedgerConsumer | undefined)[] = [];
  private rows = new Float64Array(16 * ROW);
  /** Released slots, reused last-in first-out. */
  private freeSlots: number[] = [];

  get size(): number {
    return this.live;
  }
  /** Is the id → slot map built (then every add must keep ids unique through it)? */
  get indexed(): boolean {
    return this.slotOfMap !== undefined;
  }
  has(consumerId: string): boolean {
    return this.slotOf().has(consumerId);
  }
  /** The slot of a consumer, or −1. Valid until the consumer is deleted. */
  slot(consumerId: string): number {
    return this.slotOf().get(consumerId) ?? -1;
  }
  /** Does `slot` hold a live consumer? */
  isLive(slot: number): boolean {
    return this.consumers[slot] !== undefined;
  }
  hostOf(slot: number): number {
    // Stryker disable next-line ArithmeticOperator: HOST and RC_VCPU are column 0, so + and − give the same index
    return this.rows[slot * ROW + HOST]!;
  }
  epochOf(slot: number): number {
    return this.rows[slot * ROW + EPOCH]!;
  }
  /** Amount of class c held by the consumer in `slot`. */
  amountOf(slot: number, c: number): number {
    return this.rows[slot * ROW + AMOUNTS + c]!;
  }

  /** The live consumers on hosts marked 1 in `mark`, by slot: a scan of one typed array (host failures). */
  consumersOn(mark: Uint8Array): LedgerConsumer[] {
    const out: LedgerConsumer[] = [];
    const n = this.consumers.length;
    const rows = this.rows;
    // Stryker disable next-line EqualityOperator: slot n is past the last consumer (undefined), so it is skipped either way
    for (let slot = 0; slot < n; slot++) {
      // Stryker disable next-line ArithmeticOperator: HOST and RC_VCPU are column 0, so + and − give the same index
      if (mark[rows[slot * ROW + HOST]!] !== 1) continue;
      const c = this.consumers[slot];
      if (c !== undefined) out.push(c);
    }
    return out;
  }

  /** Records a new consumer (absent: check `has` first) holding `vector` (class order) on host h. */
  add(consumer: LedgerConsumer, h: number, vector: ArrayLike<number>, inventoryEpoch: number): number {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.grow();
    this.slotOfMap?.set(idOf(consumer), slot);
    this.consumers[slot] = consumer;
    this.live++;
    const at = slot * ROW;
    const rows = this.rows;
    // Stryker disable next-line ArithmeticOperator: HOST and RC_VCPU are column 0, so + and − give the same index
    rows[at + HOST] = h;
    rows[at + EPOCH] = inventoryEpoch;
    for (let c = 0; c < C; c++) rows[at + AMOUNTS + c] = vector[c]!;
    return slot;
  }

  /** Forgets the consumer in `slot` (its slot may be reused by the next add). */
  delete(slot: number): void {
    if (this.slotOfMap !== undefined) this.slotOfMap.delete(idOf(this.consumers[slot]!));
    this.consumers[slot] = undefined;
    this.live--;
    this.freeSlots.push(slot);
  }

  /** Renames the consumer of `slot` (which keeps host, amounts and epoch). */
  rename(slot: number, toConsumerId: string): void {
    const map = this.slotOf();
    map.delete(idOf(this.consumers[slot]!));
    map.set(toConsumerId, slot);
    this.consumers[slot] = toConsumerId;
  }

  /** A fresh Allocation record of the consumer in `slot`. */
  record(slot: number): Allocation {
    const at = slot * ROW + AMOUNTS;
    const a = this.rows;
    const amounts: ResourceAmounts = {
      // Stryker disable next-line ArithmeticOperator: HOST and RC_VCPU are column 0, so + and − give the same index
      VCPU: a[at + RC_VCPU]!,
      PCPU: a[at + RC_PCPU]!,
      MEMORY_MB: a[at + RC_MEMORY_MB]!,
      DISK_GB: a[at + RC_DISK_GB]!,
    };
    // Stryker disable next-line ArithmeticOperator: HOST and RC_VCPU are column 0, so + and − give the same index
    return { consumerId: idOf(this.consumers[slot]!), hostIndex: this.rows[slot * ROW + HOST]!, amounts };
  }

  /** Every consumer id (in no particular order: callers sort). */
  consumerIds(): IterableIterator<string> {
    return this.slotOf().keys();
  }

  /** The id → slot map, built on first use from the slots; two live slots with one id break INV-A6. */
  private slotOf(): Map<string, number> {
    // Stryker disable next-line ConditionalExpression: a cache; rebuilding it from the slots gives the same map while ids are unique, as add requires
    if (this.slotOfMap !== undefined) return this.slotOfMap;
    const map = new Map<string, number>();
    this.consumers.forEach((consumer, slot) => {
      if (consumer === undefined) return;
      const id = idOf(consumer);
      if (map.has(id)) throw new InvariantViolation("INV-A6", `consumer ${id} holds two allocations (slots ${map.get(id)} and ${slot})`);
      map.set(id, slot);
    });
    this.slotOfMap = map;
    return map;
  }

  /** A new slot at the end, doubling the arrays when full. */
  private grow(): number {
    const slot = this.consumers.length;
    if (slot >= this.maxSlots) {
      throw new InvariantViolation(
        "LEDGER-SLOTS",
        `the allocation ledger is full: ${this.maxSlots} allocations held at once is its limit (LEDGER_MAX_SLOTS); hold fewer servers alive per run (split the region into shards)`,
      );
    }
    // Stryker disable next-line EqualityOperator: growing one slot early changes the capacity only
    if ((slot + 1) * ROW > this.rows.length) {
      const grown = new Float64Array(this.rows.length * 2);
      grown.set(this.rows);
      this.rows = grown;
    }
    this.consumers.push(undefined);
    return slot;
  }
}
