/**
 * The dry run behind the N+1 headroom (issue 16, item 1): take a failure domain's hosts down on a
 * detached copy of the NFVI (and of the accelerator pool), then re-place the domain's servers one
 * after another with the run's own placement policy, as the evacuation would: the server's flavour
 * (accelerator device profile included), its availability zone, its server group's members where
 * they are now. Each server that finds a host claims it on the copy, so two servers never count the
 * same free slot; afterwards every claim, handle and host state is undone, so the next domain starts
 * from the same copy. The live state, the pool, the event log and the random streams are never
 * touched.
 *
 * Speed: the copy is made once per check; each placement is the policy's indexed search (fast-path.ts)
 * on the copy. During one domain's run free capacity only shrinks, so a group-less request that found
 * no host will find none later in that run: its later servers are counted at once with the same
 * reason. A server that finds no host is counted under the reason that removed the last candidates
 * (`decisiveReason`): a capacity class, accelerator handles, a zone; for a group member whose flavour
 * still fits somewhere, its group's rule ("server group anti-affinity").
 */
import { InvariantViolation, RESOURCE_CLASS_COUNT } from "../../domain/index.js";
import { readAmounts, type AcceleratorPool, type HandleRef, type HostOperationalState, type NfviState } from "../../nfvi/index.js";
import { decisiveReason, selectHost, type PlacementRequest, type Policy } from "../../placement/index.js";
import type { FlavourSpec } from "../compute/flavour.js";
import { toPlacementRequest } from "../compute/placement-request.js";
import type { ServerGroup } from "../compute/server-group.js";
import type { ServerRecord } from "../compute/server.js";

/** One domain's outcome: how many servers found no host, and why (reason → servers). */
export interface DryRunOutcome {
  readonly unplaced: number;
  readonly short: ReadonlyMap<string, number>;
}

/** What one domain's run changed on the copy, to undo it. */
interface Undo {
  readonly slots: number[];
  readonly handles: Array<readonly [HandleRef, string]>;
  readonly states: Array<readonly [number, HostOperationalState]>;
}

/**
 * The detached copy kept from one check to the next (a check per utilisation sample): brought back
 * in step with the live state host by host (NfviState.syncFrom) instead of copied anew, which on a
 * large site costs an index build per registered shape. Dry runs leave it as they found it.
 */
export class HeadroomScratch {
  private copy: NfviState | undefined;

  /** The copy of `nfvi`, in step with it now. */
  of(nfvi: NfviState): NfviState {
    if (this.copy === undefined || !this.copy.syncFrom(nfvi)) this.copy = nfvi.detachedCopy();
    return this.copy;
  }
}

export class HeadroomDryRun {
  private readonly scratch: NfviState;
  private readonly pool: AcceleratorPool | undefined;
  /** Group-less requests by flavour and zone: immutable, so reused across domains (and memoised by placement). */
  private readonly requests = new Map<FlavourSpec, Map<string, PlacementRequest>>();
  private readonly vectors = new Map<FlavourSpec, Float64Array>();

  constructor(
    nfvi: NfviState,
    private readonly policy: Policy,
    private readonly groupOf: (id: string) => ServerGroup | undefined,
    kept?: HeadroomScratch,
  ) {
    this.scratch = kept?.of(nfvi) ?? nfvi.detachedCopy();
    this.pool = nfvi.accelerators?.detachedCopy();
    this.scratch.accelerators = this.pool;
  }

  /** Re-places `servers` (in evacuation order) with `hosts` down; the copy is restored afterwards. */
  run(hosts: readonly number[], servers: readonly ServerRecord[]): DryRunOutcome {
    // Stryker disable next-line ArrayDeclaration: a string in handles or states undoes nothing (release of no device, setHostState of no host), and slots' mutant is killed
    const undo: Undo = { slots: [], handles: [], states: [] };
    const short = new Map<string, number>();
    const failed = new Map<PlacementRequest, string>();
    const members = new Map<string, Map<number, number>>();
    let unplaced = 0;
    try {
      for (const h of hosts) {
        const state = this.scratch.hostState(h);
        // Stryker disable next-line ConditionalExpression,StringLiteral: a host already DOWN set DOWN again is restored to DOWN: the same copy
        if (state === "DOWN") continue;
        undo.states.push([h, state]);
        this.scratch.setHostState(h, "DOWN");
      }
      for (const s of servers) {
        const reason = this.place(s, failed, members, undo);
        if (reason === null) continue;
        unplaced++;
        short.set(reason, (short.get(reason) ?? 0) + 1);
      }
    } finally {
      this.restore(undo);
    }
    return { unplaced, short };
  }

  /** Places one server on the copy; null when it found a host, else the reason it found none. */
  private place(s: ServerRecord, failed: Map<PlacementRequest, string>, members: Map<string, Map<number, number>>, undo: Undo): string | null {
    const flavour = s.flavourSpec;
    const base = this.requestOf(flavour, s.zoneConstraint);
    const known = failed.get(base);
    // Stryker disable next-line ConditionalExpression: a shortcut; free capacity only shrinks during a run, so the request fails again with the same decisive reason
    if (known !== undefined) return known;
    // Stryker disable next-line ConditionalExpression: groupOf(undefined) finds no group
    const group = s.groupId === undefined ? undefined : this.groupOf(s.groupId);
    let counts: Map<number, number> | undefined;
    if (group !== undefined) {
      counts = members.get(group.id);
      if (counts === undefined) members.set(group.id, (counts = new Map(group.hostCounts)));
    }
    const request = group === undefined ? base : toPlacementRequest({ flavour, zone: s.zoneConstraint, group: { ...group, hostCounts: counts! } });
    const h = selectHost(this.policy, this.scratch, request);
    if (h < 0) {
      if (group !== undefined && selectHost(this.policy, this.scratch, base) >= 0) return `server group ${group.policy}`;
      const reason = decisiveReason(this.policy, this.scratch, base);
      failed.set(base, reason);
      return reason;
    }
    this.claim(s, h, undo);
    if (counts !== undefined) {
      // Stryker disable LogicalOperator,ConditionalExpression,EqualityOperator,ArithmeticOperator: the old host is in the failed domain, DOWN for the whole run: no filter or weigher reads its count
      const from = counts.get(s.hostIndex) ?? 0;
      if (from <= 1) counts.delete(s.hostIndex);
      else counts.set(s.hostIndex, from - 1);
      // Stryker restore LogicalOperator,ConditionalExpression,EqualityOperator,ArithmeticOperator
      counts.set(h, (counts.get(h) ?? 0) + 1);
    }
    return null;
  }

  /** Claims the server's flavour (and its device profile's handles) on host h of the copy. */
  private claim(s: ServerRecord, h: number, undo: Undo): void {
    const flavour = s.flavourSpec;
    const slot = this.scratch.claimVector(s, h, this.vectorOf(flavour));
    // Stryker disable next-line ConditionalExpression,StringLiteral: placement chose h by its capacity on this copy, so the claim cannot fail (a guard of INV-A1)
    if (slot < 0) throw new InvariantViolation("INV-A1", `N+1 dry run: placement chose ${this.scratch.hostId(h)} for ${s.id} but the claim failed`);
    undo.slots.push(slot);
    const groups = flavour.deviceProfile?.groups;
    if (groups === undefined || groups.length === 0) return;
    // Stryker disable next-line StringLiteral: the name is read only by the release of this run; any string binds and releases alike
    const consumer = `${s.id}/n+1`;
    const need = groups.reduce((n, g) => n + g.count, 0);
    // Stryker disable next-line OptionalChaining: without a pool the next line throws either way
    const refs = this.pool?.bind(h, groups, new Array<string>(need).fill(consumer));
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: the accelerator filter chose h for these groups on this copy, so the bind cannot fail (a guard of INV-F1); the equality mutants are killed
    if (refs === undefined || typeof refs === "string") throw new InvariantViolation("INV-F1", `N+1 dry run: placement chose ${this.scratch.hostId(h)} for ${s.id} but its handles could not be bound`);
    for (const ref of refs) undo.handles.push([ref, consumer]);
  }

  private restore(undo: Undo): void {
    for (const slot of undo.slots) this.scratch.releaseSlot(slot);
    // Stryker disable next-line OptionalChaining: handles are recorded only when a pool bound them
    for (const [ref, consumer] of undo.handles) this.pool?.release(ref, consumer);
    for (const [h, state] of undo.states) this.scratch.setHostState(h, state);
  }

  private requestOf(flavour: FlavourSpec, zone: string | undefined): PlacementRequest {
    let byZone = this.requests.get(flavour);
    // Stryker disable next-line ConditionalExpression: a cache of immutable requests; a new one asks placement the same question
    if (byZone === undefined) this.requests.set(flavour, (byZone = new Map()));
    // Stryker disable next-line StringLiteral: a cache key; any constant for "no zone" keys alike
    const key = zone ?? "";
    let request = byZone.get(key);
    // Stryker disable next-line ConditionalExpression: a cache of immutable requests; a new one asks placement the same question
    if (request === undefined) byZone.set(key, (request = toPlacementRequest({ flavour, zone, group: undefined })));
    return request;
  }

  private vectorOf(flavour: FlavourSpec): Float64Array {
    let vector = this.vectors.get(flavour);
    // Stryker disable next-line ConditionalExpression: a cache; reading the amounts again gives the same vector
    if (vector !== undefined) return vector;
    vector = new Float64Array(RESOURCE_CLASS_COUNT);
    const bad = readAmounts(flavour.amounts, vector);
    // Stryker disable next-line ConditionalExpression,StringLiteral: toPlacementRequest refused such amounts before placement (REQUEST), so this guard is unreachable
    if (bad !== null) throw new InvariantViolation("FLAVOUR", `flavour ${flavour.id}: ${bad.message}`);
    this.vectors.set(flavour, vector);
    return vector;
  }
}
