/** The VIM room: IFA 005/006 operations over the NFVI, driven by the kernel, logged to metrics. */
export { ComputeService, type AllocateComputeRequest, type ComputeHooks } from "./compute/compute-service.js";
export type { FlavourSpec } from "./compute/flavour.js";
export type { HostSelector, Selection, SelectionRequest } from "./compute/host-selector.js";
export { makeServerGroup, type GroupPolicy, type ServerGroup } from "./compute/server-group.js";
export { SERVER_OPS, SERVER_TRANSITIONS, serverStatus, transition, type ServerOp, type ServerState, type TaskState, type VmState } from "./compute/server-machine.js";
export { serverId, serverSnapshot, type ServerRecord } from "./compute/server.js";
export { HostAdministration, type HostCondition } from "./host/host-administration.js";
