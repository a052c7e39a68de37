/**
 * Stacks (Heat): a named bundle of resources created and deleted as one. The records, their Heat
 * statuses and the member requests; stack-api.ts creates and deletes them.
 */
import { compareIds } from "../common/change-log.js";
import type { NetworkType } from "../network/network-resources.js";

/** Heat stack statuses the twin reaches (creation and deletion are instantaneous at library level). */
export type StackStatus = "CREATE_IN_PROGRESS" | "CREATE_COMPLETE" | "CREATE_FAILED" | "DELETE_IN_PROGRESS" | "DELETE_COMPLETE" | "DELETE_FAILED";

/** One member request, by Heat resource type. */
export type StackResourceRequest =
  | { readonly type: "OS::Nova::Server"; readonly name: string; readonly flavourId: string; readonly imageId?: string; readonly zoneId?: string; readonly bootTimeMs?: number }
  | { readonly type: "OS::Neutron::Net"; readonly name: string; readonly networkType: NetworkType; readonly cidr?: string }
  | { readonly type: "OS::Cinder::Volume"; readonly name: string; readonly zoneId: string; readonly sizeGb: number };

export interface StackMember {
  readonly name: string;
  readonly type: StackResourceRequest["type"];
  /** The resource ids it made (a network with a subnet makes two: network first). */
  readonly physicalIds: readonly string[];
}

export interface StackRecord {
  readonly stackId: string;
  readonly tenantId: string;
  readonly name: string;
  status: StackStatus;
  statusReason: string;
  members: StackMember[];
}

export const stackView = (s: StackRecord): Record<string, unknown> => ({ ...s, members: s.members.map((m) => ({ ...m, physicalIds: [...m.physicalIds] })) });

/** The live stacks (deleted ones leave), by id. */
export class StackStore {
  private readonly stacks = new Map<string, StackRecord>();
  private nextNo = 1;

  add(tenantId: string, name: string): StackRecord {
    const s: StackRecord = { stackId: `stack-${this.nextNo++}`, tenantId, name, status: "CREATE_IN_PROGRESS", statusReason: "", members: [] };
    this.stacks.set(s.stackId, s);
    return s;
  }
  remove(stackId: string): void {
    this.stacks.delete(stackId);
  }
  stack(stackId: string): StackRecord | undefined {
    return this.stacks.get(stackId);
  }
  /** Stacks of one tenant or all, by id. */
  list(tenantId?: string): StackRecord[] {
    return [...this.stacks.values()].filter((s) => tenantId === undefined || s.tenantId === tenantId).sort((a, b) => compareIds(a.stackId, b.stackId));
  }
}
