/**
 * Host specifications: what a compute node is (static) as opposed to what it holds (nfvi-state).
 */
import type { AggregateId, HostId, RackId, ResourceClass, ZoneId } from "../domain/index.js";
import type { AcceleratorSpec } from "./accelerators/acc-spec.js";
import { novaInventories, type ComputeResources, type Inventory } from "./inventory.js";

/** Operational state of a host (Nova host_status, less UNKNOWN). Only UP hosts take new servers. */
export const HOST_STATES = ["UP", "DOWN", "MAINTENANCE"] as const;
export type HostOperationalState = (typeof HOST_STATES)[number];

/** A host as described by a scenario. Classes absent from `inventories` have capacity 0. */
export interface HostSpec {
  readonly id: HostId;
  readonly zone: ZoneId;
  readonly rack: RackId;
  readonly aggregates: readonly AggregateId[];
  /** Physical CPUs (shared + dedicated). */
  readonly physicalCpus: number;
  readonly numaNodes: number;
  readonly hypervisorType: string;
  readonly inventories: Readonly<Partial<Record<ResourceClass, Inventory>>>;
  /** Initial operational state; UP when absent. */
  readonly state?: HostOperationalState;
  /** Initial compute-service enabled flag; true when absent. */
  readonly enabled?: boolean;
  /** Accelerator devices (IFA 019 AccResourceInfo); none when absent. */
  readonly accelerators?: readonly AcceleratorSpec[];
  /** Placement traits of the host (its root provider), sorted; none when absent. */
  readonly traits?: readonly string[];
}

/** A host aggregate: a named set of hosts carrying key=value metadata (Nova aggregates). */
export interface AggregateSpec {
  readonly id: AggregateId;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Arguments of `novaHost`: identity, placement in the topology, and compute resources. */
export interface NovaHostInput extends ComputeResources {
  readonly id: HostId;
  readonly zone: ZoneId;
  readonly rack: RackId;
  readonly aggregates?: readonly AggregateId[];
  readonly numaNodes?: number;
  readonly hypervisorType?: string;
  readonly state?: HostOperationalState;
  readonly enabled?: boolean;
}

/** A HostSpec with the inventories Nova's libvirt driver would report (Antelope defaults). */
export function novaHost(input: NovaHostInput): HostSpec {
  const spec: HostSpec = {
    id: input.id,
    zone: input.zone,
    rack: input.rack,
    aggregates: input.aggregates ?? [],
    physicalCpus: input.vcpus + (input.pcpus ?? 0),
    numaNodes: input.numaNodes ?? 1,
    hypervisorType: input.hypervisorType ?? "QEMU",
    inventories: novaInventories(input),
  };
  const withState = input.state === undefined ? spec : { ...spec, state: input.state };
  return input.enabled === undefined ? withState : { ...withState, enabled: input.enabled };
}
