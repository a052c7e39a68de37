/**
 * What servers hold (Placement allocations as Nova's conductor claims them): a member's claim on the
 * host placement chose, with its accelerator handles (INV-A1, F1); the undoing of every claim of a
 * request when one member finds no host (INV-E2, A7); the release of everything a server holds
 * (INV-J1). Server groups follow each claim and release with their member hosts. This is also the
 * context of the moves (server-move.ts) and evacuations (server-evacuate.ts).
 */
import { InvariantViolation, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import type { Simulation } from "../../kernel/index.js";
import type { ComputeMetrics } from "../../metrics/index.js";
import { askedAmounts, readAmounts, type NfviState } from "../../nfvi/index.js";
import type { AcceleratorPort } from "./accelerator-port.js";
import type { FlavourSpec } from "./flavour.js";
import type { HostSelector } from "./host-selector.js";
import { addMemberHost, removeMemberHost, type ServerGroup } from "./server-group.js";
import { commitMove, type MoveContext } from "./server-move.js";
import type { ServerRecord } from "./server.js";

export class ServerClaims implements MoveContext {
  /** Server groups by id (Nova server groups): their members and member hosts. */
  readonly groups = new Map<string, ServerGroup>();
  /** Accelerator management (Cyborg); undefined when the cloud has none (the path is then unchanged). */
  acc: AcceleratorPort | undefined;
  private readonly vectors = new Map<FlavourSpec, Float64Array>();
  private lastFlavour: FlavourSpec | undefined;
  private lastVector: Float64Array | undefined;

  constructor(
    readonly nfvi: NfviState,
    readonly select: HostSelector,
    private readonly sim: Simulation,
    private readonly metrics: ComputeMetrics,
  ) {}

  /** The group server `s` belongs to, if it names a live one. */
  groupOf(s: ServerRecord): ServerGroup | undefined {
    return s.groupId === undefined ? undefined : this.groups.get(s.groupId);
  }

  /**
   * Claims `flavour` for `s` on host h, which placement chose, with the server's accelerator handles;
   * the host joins the group's member hosts. A refusal is a broken invariant (the selection saw stale state).
   */
  claim(s: ServerRecord, h: number, flavour: FlavourSpec, group: ServerGroup | undefined): void {
    s.allocationSlot = this.nfvi.claimVector(s, h, this.vectorOf(flavour));
    if (s.allocationSlot < 0) this.claimRefused(s, h, flavour);
    if (this.acc !== undefined && !this.acc.claim(s, h)) throw new InvariantViolation("INV-F1", `placement chose host ${this.nfvi.hostId(h)} for ${s.id} without free accelerator handles`);
    s.hostIndex = h;
    if (group !== undefined) addMemberHost(group, h);
  }

  /** Undoes the claims of a request's members that got a host (no partial placement). */
  undo(servers: ReadonlyArray<ServerRecord>, group: ServerGroup | undefined): void {
    for (const s of servers) {
      if (s.hostIndex < 0) continue;
      this.nfvi.releaseSlot(s.allocationSlot);
      s.allocationSlot = -1;
      this.acc?.release(s);
      if (group !== undefined) removeMemberHost(group, s.hostIndex);
      s.hostIndex = -1;
    }
  }

  /** Releases whatever the server holds: its allocation, and a move's source allocation (INV-J1). */
  releaseAll(s: ServerRecord): void {
    if (s.move !== undefined) commitMove(this, s);
    this.acc?.release(s);
    if (s.allocationSlot < 0) return;
    this.nfvi.releaseSlot(s.allocationSlot);
    s.allocationSlot = -1;
    const group = this.groupOf(s);
    if (group !== undefined) removeMemberHost(group, s.hostIndex);
    s.hostIndex = -1;
    this.metrics.onServerEnded(this.sim.nowMs);
  }

  /** The flavour's amounts as a class-order vector, built once per flavour. */
  vectorOf(flavour: FlavourSpec): Float64Array {
    // Consecutive requests mostly share their flavour: the last one answers without the map
    // (a memo slot for bench/e2e.bench.ts).
    if (flavour === this.lastFlavour) return this.lastVector!;
    let vector = this.vectors.get(flavour);
    if (vector === undefined) {
      vector = new Float64Array(RESOURCE_CLASS_COUNT);
      const bad = readAmounts(flavour.amounts, vector);
      if (bad !== null) throw new InvariantViolation("FLAVOUR", `flavour ${flavour.id}: ${bad.message}`);
      this.vectors.set(flavour, vector);
    }
    this.lastFlavour = flavour;
    this.lastVector = vector;
    return vector;
  }

  /** Placement chose a host the NFVI refuses: a broken invariant (the selection saw stale state). */
  private claimRefused(s: ServerRecord, h: number, flavour: FlavourSpec): never {
    const claim = this.nfvi.claim(s.id, h, askedAmounts(flavour.amounts));
    const why = claim.ok ? "refused by the fast path only" : claim.error.message;
    throw new InvariantViolation("INV-A1", `placement chose host ${this.nfvi.hostId(h)} for ${s.id} but the claim failed: ${why}`);
  }
}
