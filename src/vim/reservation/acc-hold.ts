/**
 * Accelerator handles held by reservations (INV-F7, second half): a container reservation whose
 * flavour has a device profile (`accel:device_profile`) sets aside, on the host of each of its slots,
 * the handles one server of that flavour binds. They are bound in the NFVI accelerator table to the
 * consumer `hold-<reservationId>`, so ordinary placement (the accelerator filter's free counts) and
 * ordinary claims never see them (C2 for handles) and no new filter or hot-path test is needed;
 * OnloadAccImage refuses a device with held handles as it does one with bound handles (INV-F5).
 *
 * A slot's handles are held from admission to the end of the reservation, whatever its start (the
 * CPU hold is sized to the most committed from now on for the same reason: an ordinary server has no
 * end time). Unlike the CPU hold, two reservations of the same host never share handles over disjoint
 * windows: conservative, never an over-commitment.
 *
 * A server allocated through the reservation takes its slot's handles: `take` frees them in the step
 * of the claim, which binds the server's ARQs to free matching handles (the same count, lowest
 * first). When that server goes while the reservation is still active, `restore` holds the slot's
 * handles again; at end, expiry or terminate `releaseAll` frees what is left (C4/C5).
 */
import type { AccRequestGroup } from "../../domain/index.js";
import type { AcceleratorPool, HandleRef } from "../../nfvi/index.js";
import { expandGroups } from "../acceleration/arq.js";
import type { Placement } from "./admission.js";

/** Pool consumer of a reservation's held handles. */
export const ACC_HOLD_PREFIX = "hold-";

interface ReservationHandles {
  readonly groups: readonly AccRequestGroup[];
  /** Per slot (placement index): its host and the handles held for it, empty while a server has them. */
  readonly slots: { readonly host: number; handles: HandleRef[]; taken: HandleRef[] }[];
}

/** The groups of `n` servers of one profile on one host. */
export function scaledGroups(groups: readonly AccRequestGroup[], n: number): AccRequestGroup[] {
  return groups.map((g) => ({ ...g, count: g.count * n }));
}

export class AccHoldBook {
  private readonly byReservation = new Map<string, ReservationHandles>();

  constructor(private readonly pool: AcceleratorPool | undefined) {}

  /** Does this book hold anything for a flavour with these groups (accelerators in the cloud and asked)? */
  applies(groups: readonly AccRequestGroup[] | undefined): groups is readonly AccRequestGroup[] {
    return this.pool !== undefined && groups !== undefined && groups.length > 0;
  }

  /** The most slots (≤ most) of `groups` whose handles host h has free now: admission's per-host limit. */
  slotsFree(h: number, groups: readonly AccRequestGroup[], most: number): number {
    let n = 0;
    while (n < most && this.pool!.bindProblem(h, scaledGroups(groups, n + 1)) === null) n++;
    return n;
  }

  /** Holds one slot's handles on each placement's host, all or nothing; the countable reason otherwise. */
  hold(reservationId: string, groups: readonly AccRequestGroup[], placements: readonly Placement[]): string | null {
    const entry: ReservationHandles = { groups, slots: [] };
    for (const p of placements) {
      const handles = this.bindSlot(reservationId, groups, p.host);
      if (typeof handles === "string") {
        for (const s of entry.slots) this.free(reservationId, s.handles);
        return handles;
      }
      entry.slots.push({ host: p.host, handles, taken: [] });
    }
    this.byReservation.set(reservationId, entry);
    return null;
  }

  /** Frees slot `slot`'s held handles for the reservation's own server to bind; how many. */
  take(reservationId: string, slot: number): number {
    const s = this.byReservation.get(reservationId)?.slots[slot];
    if (s === undefined) return 0;
    const n = this.free(reservationId, s.handles);
    s.taken = s.handles;
    s.handles = [];
    return n;
  }

  /** Holds slot `slot`'s handles again (its server is gone or was not placed); false when the host lacks them. */
  restore(reservationId: string, slot: number): boolean {
    const entry = this.byReservation.get(reservationId);
    const s = entry?.slots[slot];
    if (entry === undefined || s === undefined || s.handles.length > 0) return true;
    // The very handles it gave up when they are free again (even on a device disabled meanwhile), else any matching.
    if (s.taken.length > 0 && s.taken.every((ref) => this.pool!.device(ref.device)!.boundTo[ref.handle] === null)) {
      for (const ref of s.taken) this.pool!.bindHandle(ref, `${ACC_HOLD_PREFIX}${reservationId}`);
      s.handles = s.taken;
      s.taken = [];
      return true;
    }
    const handles = this.bindSlot(reservationId, entry.groups, s.host);
    if (typeof handles === "string") return false;
    s.handles = handles;
    s.taken = [];
    return true;
  }

  /** Frees every handle the reservation still holds and forgets it; how many. */
  releaseAll(reservationId: string): number {
    const entry = this.byReservation.get(reservationId);
    if (entry === undefined) return 0;
    this.byReservation.delete(reservationId);
    let n = 0;
    for (const s of entry.slots) n += this.free(reservationId, s.handles);
    return n;
  }

  /** Per host, the slots whose handles are held now (not taken by a server), in slot order. */
  heldSlots(reservationId: string): Map<number, number[]> {
    const out = new Map<number, number[]>();
    this.byReservation.get(reservationId)?.slots.forEach((s, i) => {
      if (s.handles.length > 0) (out.get(s.host) ?? out.set(s.host, []).get(s.host)!).push(i);
    });
    return out;
  }

  /** Does the book know the reservation (it asked for accelerators)? */
  has(reservationId: string): boolean {
    return this.byReservation.has(reservationId);
  }

  /** The device profile groups a reservation holds for, if any. */
  groupsOf(reservationId: string): readonly AccRequestGroup[] | undefined {
    return this.byReservation.get(reservationId)?.groups;
  }

  /** Handles the reservation holds now, as sorted `<device>#<handle>` ids (log records). */
  view(reservationId: string): string[] {
    const entry = this.byReservation.get(reservationId);
    if (entry === undefined) return [];
    return entry.slots.flatMap((s) => s.handles.map((ref) => `${this.pool!.device(ref.device)!.id}#${ref.handle}`)).sort();
  }

  /** Handles held by every reservation. */
  get heldCount(): number {
    let n = 0;
    for (const e of this.byReservation.values()) for (const s of e.slots) n += s.handles.length;
    return n;
  }

  /**
   * INV-F7 over the table: every handle bound to a hold consumer belongs to a reservation this book
   * knows and `isLive` accepts, on that slot's host, and the book's handles are bound to it. Null when sound.
   */
  problem(isLive: (reservationId: string) => boolean): string | null {
    if (this.pool === undefined) return null;
    let inTable = 0;
    for (const d of this.pool.devices) {
      for (const c of d.boundTo) {
        if (c === null || !c.startsWith(ACC_HOLD_PREFIX)) continue;
        inTable++;
        const id = c.slice(ACC_HOLD_PREFIX.length);
        if (!this.byReservation.has(id) || !isLive(id)) return `INV-F7: ${d.id} has a handle held for ${id}, which holds nothing`;
      }
    }
    for (const [id, e] of this.byReservation) {
      for (const s of e.slots) {
        for (const ref of s.handles) {
          const d = this.pool.device(ref.device)!;
          if (d.boundTo[ref.handle] !== `${ACC_HOLD_PREFIX}${id}` || d.hostIndex !== s.host) return `INV-F7: ${d.id}#${ref.handle} is not held for ${id} on its slot's host`;
        }
      }
    }
    return inTable === this.heldCount ? null : `INV-F7: ${inTable} handles held in the table, ${this.heldCount} in the book`;
  }

  private bindSlot(reservationId: string, groups: readonly AccRequestGroup[], h: number): HandleRef[] | string {
    const consumer = `${ACC_HOLD_PREFIX}${reservationId}`;
    return this.pool!.bind(h, groups, expandGroups(groups).map(() => consumer));
  }

  private free(reservationId: string, handles: readonly HandleRef[]): number {
    const consumer = `${ACC_HOLD_PREFIX}${reservationId}`;
    let n = 0;
    for (const ref of handles) if (this.pool!.release(ref, consumer)) n++;
    return n;
  }
}
