/**
 * The pending-event set: a binary min-heap kept as a struct of arrays, ordered by the total order
 * (timeMs, priority, seq) of style rule 2. Lower priority value = earlier.
 *
 * Layout, chosen by measurement (bench/kernel-anchors.bench.ts; alternatives tried are listed last):
 * - The heap moves two typed arrays while sifting: `times` (Float64Array of integer ms) and `slots`
 *   (Int32Array). Everything else lives per slot and never moves: the handler and payload (plain arrays,
 *   so sifting does no pointer stores and no GC write barriers), the tie-break key and a stamp.
 * - `key = priority * 2^40 + seq` folds both tie-breaks into one exact double. Bounds: priority is an
 *   integer in [0, 4095] (checked at push) and seq < 2^40, so key < 2^52. After 2^40 pushes (about
 *   10^12) the pending events are renumbered 0, 1, ... in key order (`renumber`), which keeps their
 *   order: no run meets a sequence limit. Keys are read, through the slot, only when two times tie.
 *   seq is unique among pending events, so comparing (time, key) says "equal" only for the same event.
 * - A handle is `stamp * 2^24 + slot` for the first 2^24 slots (pending events). A slot's stamp is odd
 *   while its event is live and even once it fired, was cancelled or is free; it moves on at every push
 *   and every fire or cancel, so a stale handle is recognised and `cancel` answers false. Stamps wrap
 *   at 2^28: a handle kept across 2^27 reuses of one slot could alias; nothing in the twin keeps handles
 *   that long. A region can hold more pending events: slots past 2^24 take the wide form
 *   `2^52 + (stamp mod 2^24) * 2^28 + (slot − 2^24)` (still a safe integer; stamps there alias after
 *   2^23 reuses), up to 2^24 + 2^28 pending events (about 12 GB of queue arrays, past any memory this
 *   runs in); past that, push fails naming the limit (`EVENT_QUEUE_MAX_PENDING`).
 * - Cancellation is lazy: a cancelled event stays in the heap, marked dead, and is dropped when it
 *   reaches the top, or all at once when more than half the heap is dead (`compact`). `size` counts
 *   live events only.
 * - pop() leaves the root as a hole; if the handler that just fired pushes an event (a timer
 *   rescheduling itself, the commonest pattern), that event fills the hole with one sift-down, instead
 *   of a pop's sift-down plus a push's sift-up. Any other operation fills the hole first. (~6 % faster.)
 * Tried and measured slower on the anchor workload: a 4-ary heap (~7 %), Floyd's bottom-up refill
 * (~8 %), moving the keys with the times (~2 %).
 */

/** Bounds of the priority field; see the key layout above. */
export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 4095;

const SEQ_LIMIT = 2 ** 40;
/** Slots below this take the narrow handle form `stamp * 2^24 + slot`. */
const SLOT_LIMIT = 2 ** 24;
const STAMP_MASK = 2 ** 28 - 1;
/** The wide handle form: handles from 2^52, 2^28 slots past the narrow ones, 24-bit stamps. */
const WIDE_BASE = 2 ** 52;
const WIDE_SLOTS = 2 ** 28;
const WIDE_STAMP_MASK = 2 ** 24 - 1;
const COMPACT_MIN_HEAP = 1024;

/** Most events one queue can hold pending (narrow and wide handle forms together). */
export const EVENT_QUEUE_MAX_PENDING = SLOT_LIMIT + WIDE_SLOTS;

/**
 * A test-only knob that brings the wide handle form within reach of a unit test; a simulation never
 * sets it. `narrowSlots`: slots in the narrow handle form (default 2^24).
 */
export interface EventQueueLimits {
  readonly narrowSlots?: number;
}

/** An opaque number naming one scheduled event until it fires or is cancelled. */
export type EventHandle = number;

export class EventQueue<H> {
  private times: Float64Array;
  private keys: Float64Array;
  private slots: Int32Array;
  private heapSize = 0;
  private nextSeq = 0;
  /** Slots in the narrow handle form (2^24 but in tests). */
  private readonly narrowSlots: number;
  private cancelledCount = 0;
  // True after pop() until the next queue operation: the root entry is spent but not yet removed.
  private rootIsHole = false;

  // Per-slot state; a slot is owned by exactly one queued event.
  // Stryker disable next-line ArrayDeclaration: read and written by slot index only, every slot written before it is read
  private readonly handlers: Array<H | undefined> = [];
  // Stryker disable next-line ArrayDeclaration: read and written by slot index only, every slot written before it is read
  private readonly payloads: unknown[] = [];
  // Odd = live; one array answers both "is this slot's event live?" and "is this handle current?".
  private stamps: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;

  /** Set by `pop`: the event just removed (kept in fields so popping allocates nothing). */
  poppedTimeMs = 0;
  poppedHandler: H | undefined = undefined;
  poppedPayload: unknown = undefined;

  constructor(initialCapacity = 1024, limits: EventQueueLimits = {}) {
    this.narrowSlots = limits.narrowSlots ?? SLOT_LIMIT;
    const capacity = Math.max(16, initialCapacity | 0);
    this.times = new Float64Array(capacity);
    this.keys = new Float64Array(capacity);
    this.slots = new Int32Array(capacity);
    this.stamps = new Int32Array(capacity);
    this.freeSlots = new Int32Array(capacity);
    this.addFreeSlots(0, capacity);
  }

  /** Live (not cancelled) events waiting in the queue. */
  get size(): number {
    return this.heapSize - this.cancelledCount - (this.rootIsHole ? 1 : 0);
  }

  /** Adds an event; seq is taken here, so among equal (time, priority) the earlier push fires first. */
  push(timeMs: number, priority: number, handler: H, payload: unknown): EventHandle {
    if ((priority & PRIORITY_MAX) !== priority) {
      throw new Error(`event priority must be an integer in [${PRIORITY_MIN}, ${PRIORITY_MAX}]; got ${priority}`);
    }
    let seq = this.nextSeq++;
    if (seq >= SEQ_LIMIT) seq = this.renumber();
    if (this.freeCount === 0) this.grow();
    const slot = this.freeSlots[--this.freeCount]!;
    const stamp = (this.stamps[slot]! + 1) & STAMP_MASK;
    this.stamps[slot] = stamp;
    this.handlers[slot] = handler;
    this.payloads[slot] = payload;
    this.keys[slot] = priority * SEQ_LIMIT + seq;
    if (this.rootIsHole) {
      this.rootIsHole = false;
      this.siftDown(0, this.heapSize, timeMs, slot);
    } else {
      this.siftUp(this.heapSize++, timeMs, slot);
    }
    const narrow = this.narrowSlots;
    return slot < narrow ? stamp * narrow + slot : WIDE_BASE + (stamp & WIDE_STAMP_MASK) * WIDE_SLOTS + (slot - narrow);
  }

  /** Removes the earliest live event into poppedTimeMs/poppedHandler/poppedPayload; false when empty. */
  pop(): boolean {
    if (this.rootIsHole) this.fillHole();
    while (this.heapSize > 0) {
      const slot = this.slots[0]!;
      const stamp = this.stamps[slot]!;
      if ((stamp & 1) === 1) {
        this.poppedTimeMs = this.times[0]!;
        this.poppedHandler = this.handlers[slot];
        this.poppedPayload = this.payloads[slot];
        this.stamps[slot] = (stamp + 1) & STAMP_MASK;
        this.release(slot);
        this.rootIsHole = true;
        return true;
      }
      this.removeRoot();
      this.cancelledCount--;
      this.release(slot);
    }
    return false;
  }

  /** Time of the earliest live event, Infinity when there is none; drops cancelled events on top. */
  peekTimeMs(): number {
    if (this.rootIsHole) this.fillHole();
    while (this.heapSize > 0) {
      const slot = this.slots[0]!;
      if ((this.stamps[slot]! & 1) === 1) return this.times[0]!;
      this.removeRoot();
      this.cancelledCount--;
      this.release(slot);
    }
    return Infinity;
  }

  /** Cancels a pending event; false when the handle is stale (already fired or cancelled) or foreign. */
  cancel(handle: EventHandle): boolean {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a fast refusal only; the stamp checks below refuse such handles too (their stamp is even, fractional or unequal)
    if (!Number.isSafeInteger(handle) || handle < 0) return false;
    const slot = this.handleSlot(handle);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: explicit only (no out-of-bounds read); a slot past the end reads undefined, never equal to the stamp
    if (slot >= this.stamps.length) return false;
    if (!this.stampMatches(handle, slot)) return false;
    this.stamps[slot] = (this.stamps[slot]! + 1) & STAMP_MASK;
    this.payloads[slot] = undefined; // let the payload be collected now, not when the event surfaces
    this.cancelledCount++;
    if (this.heapSize >= COMPACT_MIN_HEAP && this.cancelledCount * 2 > this.heapSize) this.compact();
    return true;
  }

  /** Whether the handle names an event that is still waiting to fire. */
  isPending(handle: EventHandle): boolean {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a fast refusal only; the stamp checks below refuse such handles too (their stamp is even, fractional or unequal)
    if (!Number.isSafeInteger(handle) || handle < 0) return false;
    return this.stampMatches(handle, this.handleSlot(handle));
  }

  /** The slot a handle names (possibly past the end, for a forged one). */
  private handleSlot(handle: number): number {
    const narrow = this.narrowSlots;
    return handle < WIDE_BASE ? handle % narrow : narrow + ((handle - WIDE_BASE) % WIDE_SLOTS);
  }

  /** Does the handle's stamp name the live event of `slot` (odd, and equal to the slot's stamp in the handle's form)? */
  private stampMatches(handle: number, slot: number): boolean {
    const narrow = this.narrowSlots;
    if (handle < WIDE_BASE) {
      const stamp = (handle - slot) / narrow;
      return (stamp & 1) === 1 && this.stamps[slot] === stamp;
    }
    const rest = handle - WIDE_BASE;
    const stamp = (rest - (slot - narrow)) / WIDE_SLOTS;
    const current = this.stamps[slot];
    return (stamp & 1) === 1 && current !== undefined && (current & WIDE_STAMP_MASK) === stamp;
  }

  // Sifts move a hole, so the entry is written once, at its final position.
  private siftUp(start: number, timeMs: number, slot: number): void {
    const { times, slots, keys } = this;
    const key = keys[slot]!;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent]!;
      // Stryker disable next-line EqualityOperator: keys are unique (seq), so < and <= differ only for an entry compared with itself
      if (parentTime < timeMs || (parentTime === timeMs && keys[slots[parent]!]! < key)) break;
      times[i] = parentTime;
      slots[i] = slots[parent]!;
      i = parent;
    }
    times[i] = timeMs;
    slots[i] = slot;
  }

  private fillHole(): void {
    this.rootIsHole = false;
    this.removeRoot();
  }

  // Moves the last entry into the root's hole and sifts it down.
  private removeRoot(): void {
    const n = --this.heapSize;
    // Stryker disable next-line ConditionalExpression: a shortcut; sifting into an empty heap writes nothing that is read
    if (n === 0) return;
    this.siftDown(0, n, this.times[n]!, this.slots[n]!);
  }

  private siftDown(start: number, n: number, timeMs: number, slot: number): void {
    const { times, slots, keys } = this;
    const key = keys[slot]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let childTime = times[child]!;
      const right = child + 1;
      if (right < n) {
        const rightTime = times[right]!;
        // Stryker disable next-line EqualityOperator: keys are unique (seq), so < and <= differ only for an entry compared with itself
        if (rightTime < childTime || (rightTime === childTime && keys[slots[right]!]! < keys[slots[child]!]!)) {
          child = right;
          childTime = rightTime;
        }
      }
      // Stryker disable next-line EqualityOperator: keys are unique (seq), so < and <= differ only for an entry compared with itself
      if (timeMs < childTime || (timeMs === childTime && key < keys[slots[child]!]!)) break;
      times[i] = childTime;
      slots[i] = slots[child]!;
      i = child;
    }
    times[i] = timeMs;
    slots[i] = slot;
  }

  private release(slot: number): void {
    this.handlers[slot] = undefined;
    this.payloads[slot] = undefined;
    this.freeSlots[this.freeCount++] = slot;
  }

  // Drops every cancelled entry and re-heapifies (Floyd), so lazy deletion cannot grow the heap unboundedly.
  private compact(): void {
    if (this.rootIsHole) this.fillHole();
    const { times, slots, stamps } = this;
    let kept = 0;
    for (let i = 0; i < this.heapSize; i++) {
      const slot = slots[i]!;
      if ((stamps[slot]! & 1) === 0) {
        this.release(slot);
        continue;
      }
      times[kept] = times[i]!;
      slots[kept] = slot;
      kept++;
    }
    this.heapSize = kept;
    this.cancelledCount = 0;
    // Stryker disable next-line ArithmeticOperator: starting one or two nodes later only adds leaves, whose sift-down is a no-op
    for (let i = (kept >> 1) - 1; i >= 0; i--) this.siftDown(i, kept, times[i]!, slots[i]!);
  }

  private grow(): void {
    const capacity = this.times.length;
    // Stryker disable next-line all: reaching 2^24 + 2^28 pending events takes ~12 GB of arrays, beyond a unit test
    if (capacity >= EVENT_QUEUE_MAX_PENDING) {
      throw new Error(
        `event queue is full: ${EVENT_QUEUE_MAX_PENDING} pending events is its limit (EVENT_QUEUE_MAX_PENDING); ` +
          "a model this large needs fewer pending events per entity (e.g. one timer per host, not per server) or a split into shards",
      );
    }
    const next = Math.min(capacity * 2, EVENT_QUEUE_MAX_PENDING);
    this.times = resized(this.times, new Float64Array(next));
    this.keys = resized(this.keys, new Float64Array(next));
    this.slots = resized(this.slots, new Int32Array(next));
    this.stamps = resized(this.stamps, new Int32Array(next));
    this.freeSlots = resized(this.freeSlots, new Int32Array(next));
    this.addFreeSlots(capacity, next);
  }

  /**
   * Renumbers the pending events' sequence numbers 0 .. n − 1 in key order (same priorities, same
   * order) once 2^40 numbers are used up, and returns n: the next push's seq, after all of them.
   * Runs once per 2^40 pushes; cancelled entries still in the heap are renumbered too (harmless).
   */
  private renumber(): number {
    if (this.rootIsHole) this.fillHole();
    const { keys, slots } = this;
    const n = this.heapSize;
    const order = Array.from(slots.subarray(0, n)).sort((a, b) => keys[a]! - keys[b]!);
    for (let rank = 0; rank < n; rank++) {
      const slot = order[rank]!;
      keys[slot] = Math.floor(keys[slot]! / SEQ_LIMIT) * SEQ_LIMIT + rank;
    }
    this.nextSeq = n + 1;
    return n;
  }

  // Free slots are a stack; pushing them high-to-low hands out the lowest slot first.
  private addFreeSlots(from: number, to: number): void {
    for (let slot = to - 1; slot >= from; slot--) {
      this.freeSlots[this.freeCount++] = slot;
      this.handlers.push(undefined);
      this.payloads.push(undefined);
    }
  }
}

function resized<A extends Float64Array | Int32Array | Uint8Array>(from: A, to: A): A {
  to.set(from);
  return to;
}
