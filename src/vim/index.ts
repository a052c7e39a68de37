/** The VIM room: IFA 005/006 operations over the NFVI, driven by the kernel, logged to metrics. */
export {
  ComputeService,
  INSTANT_OPERATIONS,
  type AllocateComputeRequest,
  type ComputeHooks,
  type OperateOptions,
  type OperationTimings,
} from "./compute/compute-service.js";
export type { FlavourSpec } from "./compute/flavour.js";
export type { HostSelector, Selection, SelectionRequest } from "./compute/host-selector.js";
export { makeServerGroup, type GroupPolicy, type ServerGroup } from "./compute/server-group.js";
export {
  OPERATION_RULES,
  SERVER_OPS,
  SERVER_STATES,
  SERVER_TRANSITIONS,
  serverStatus,
  transition,
  USER_OPS,
  type PowerState,
  type ServerOp,
  type ServerState,
  type ServerStatus,
  type TaskState,
  type UserOp,
  type VmState,
} from "./compute/server-machine.js";
export { migrationConsumerId } from "./compute/server-move.js";
export { matchesFilter, selectAttributes, virtualCompute, type ServerFilter } from "./compute/server-query.js";
export { serverId, serverSnapshot, type ServerMove, type ServerRecord } from "./compute/server.js";
export { HostAdministration, type HostCondition } from "./host/host-administration.js";
