/**
 * The read-only face of the NFVI that placement sees, and the allocation record of the ledger.
 */
import type { HostId, ResourceAmounts } from "../domain/index.js";
import type { AcceleratorView } from "./accelerators/acc-pool.js";
import type { CapacityIndexView } from "./capacity-index.js";
import type { HostOperationalState } from "./host.js";
import type { AddVerdict, Inventory } from "./inventory.js";
import type { Topology } from "./topology.js";

/** One consumer's allocation: all its amounts are on one host (moves use a second consumer, INV-A8). */
export interface Allocation {
  readonly consumerId: string;
  readonly hostIndex: number;
  readonly amounts: ResourceAmounts;
}

/** The read-only face of the NFVI that placement sees. `c` arguments are resource-class indices. */
export interface NfviView {
  readonly topology: Topology;
  readonly hostCount: number;
  readonly index: CapacityIndexView;
  readonly consumerCount: number;
  /** Bumped by every inventory change (placement memoises inventory-derived values by it). */
  readonly inventoryChanges: number;
  hostId(h: number): HostId;
  hostIndex(id: HostId): number | undefined;
  zoneIndexOf(h: number): number;
  hostState(h: number): HostOperationalState;
  isEnabled(h: number): boolean;
  /** UP and enabled: the only hosts that take new allocations through placement. */
  isUsable(h: number): boolean;
  inventory(h: number, c: number): Inventory | undefined;
  capacity(h: number, c: number): number;
  used(h: number, c: number): number;
  /** capacity − used; negative when the pair is exceeded. */
  free(h: number, c: number): number;
  /** The one capacity rule applied to (h, c) for `amount` more units. */
  checkAdd(h: number, c: number, amount: number): AddVerdict;
  /** Does the host's merged aggregate metadata hold `value` for `key`? */
  hasMetadata(h: number, key: string, value: string): boolean;
  generation(h: number): number;
  allocation(consumerId: string): Allocation | undefined;
  /** Accelerator handles, when any host has accelerators. */
  readonly accelerators?: AcceleratorView | undefined;
}
