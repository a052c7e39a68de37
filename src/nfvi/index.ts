/**
 * The NFVI room's public surface: hosts, topology, inventories and the one capacity rule, the mutable
 * NFVI state with its all-or-nothing claims, the capacity index and the invariant checkers.
 */
export {
  ADD_ABOVE_MAX_UNIT,
  ADD_BELOW_MIN_UNIT,
  ADD_EXCEEDED,
  ADD_INSUFFICIENT,
  ADD_NO_INVENTORY,
  ADD_OK,
  ADD_STEP_SIZE,
  capacity,
  capacityVerdict,
  checkAdd,
  checkAmount,
  inventoryFieldProblem,
  inventoryProblem,
  inventoryWarnings,
  isExceeded,
  MAX_UNITS,
  NOVA_DEFAULTS,
  novaInventories,
  unitVerdict,
  verdictReason,
} from "./inventory.js";
export type { AddVerdict, ComputeResources, Inventory, InventoryField } from "./inventory.js";
export { HOST_STATES, novaHost } from "./host.js";
export type { AggregateSpec, HostOperationalState, HostSpec, NovaHostInput } from "./host.js";
export { buildTopology, metadataKey } from "./topology.js";
export type { Aggregate, Rack, Topology, TopologyHost, Zone } from "./topology.js";
export {
  bucketFloor,
  FIT,
  freeBucket,
  genericSlot,
  MASK,
  MAX_FREE,
  MIN_FREE,
  NONE_MAX,
  NONE_MIN,
  recordStride,
  SHAPE_TRACKED_CLASSES,
  shapeFreeSlot,
  shapeKey,
  shapeSlot,
  USABLE,
} from "./index-record.js";
export type { IndexPart } from "./index-record.js";
export type { CapacityIndexView, SubsetLookup } from "./capacity-index.js";
export type { SubsetTree } from "./subset-tree.js";
export { HOLD_PREFIX, NfviState } from "./nfvi-state.js";
export { createNfviState } from "./create-nfvi.js";
export type { NfviOptions } from "./create-nfvi.js";
export type { Allocation, NfviView } from "./nfvi-view.js";
export { askedAmounts, readAmounts, toAmounts } from "./amounts.js";
export {
  checkCapacity,
  checkIndex,
  checkInventories,
  checkLedger,
  checkNfviInvariants,
  checkUnits,
  snapshotNfvi,
} from "./invariants.js";
export type { LedgerConsumer } from "./ledger.js";
export { AcceleratorPool, checkAcceleratorPool, deviceMatches, DEVICE_STATES } from "./accelerators/acc-pool.js";
export type { AcceleratorView, Device, DeviceState, HandleRef } from "./accelerators/acc-pool.js";
export type { AcceleratorSpec, AccImageSpec } from "./accelerators/acc-spec.js";
