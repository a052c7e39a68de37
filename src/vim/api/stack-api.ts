/**
 * Library façade for stacks (Heat): create a list of resources as one, all or nothing. Members are
 * created through the same façade with the caller's own credentials (Heat acts with the user's
 * token), so every member is checked like a direct call. If any member fails, everything the stack
 * already made is removed in reverse order and the stack is CREATE_FAILED (Heat with rollback);
 * delete removes every member, servers first (which frees their ports and volumes, INV-J1).
 */
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { ComputeApi } from "./compute-api.js";
import type { Caller } from "./guard.js";
import type { NetworkApi } from "./network-api.js";
import { stackView, type StackMember, type StackRecord, type StackResourceRequest } from "./stack.js";
import type { StorageApi } from "./storage-api.js";
import type { VimCore } from "./vim-core.js";

export interface CreateStackInput {
  readonly tenantId?: string;
  readonly name: string;
  readonly resources: readonly StackResourceRequest[];
}

export class StackApi {
  constructor(
    private readonly core: VimCore,
    private readonly compute: ComputeApi,
    private readonly network: NetworkApi,
    private readonly storage: StorageApi,
  ) {}

  /** Creates a stack: CONFLICT for a name the tenant uses; a member's error fails (and empties) the stack. */
  create(caller: Caller, input: CreateStackInput): Result<Record<string, unknown>> {
    const who = this.core.guard.owner(caller, "stack:create", input.tenantId);
    if (!who.ok) return who;
    const tenantId = who.value.tenantId;
    if (this.core.stacks.list(tenantId).some((s) => s.name === input.name)) return fail(domainError("CONFLICT", `tenant ${tenantId} already has stack ${input.name}`));
    const stack = this.core.stacks.add(tenantId, input.name);
    for (const request of input.resources) {
      const made = this.createMember(caller, tenantId, request);
      if (made.members !== undefined) stack.members.push(made.members);
      if (made.error === undefined) continue;
      this.removeMembers(caller, stack);
      stack.status = "CREATE_FAILED";
      stack.statusReason = `${request.type} ${request.name}: ${made.error.kind}: ${made.error.message}`;
      return fail(domainError(made.error.kind, `stack ${stack.stackId} ${stack.status}: ${stack.statusReason}`, made.error.detail));
    }
    stack.status = "CREATE_COMPLETE";
    stack.statusReason = "Stack CREATE completed successfully";
    return ok(stackView(stack));
  }

  /** Deletes a stack and every member: DELETE_COMPLETE, or DELETE_FAILED keeping what could not go. */
  delete(caller: Caller, stackId: string): Result<Record<string, unknown>> {
    const stack = this.core.stacks.stack(stackId);
    const p = this.core.guard.reach(caller, "stack:delete", `stack ${stackId}`, stack?.tenantId);
    if (!p.ok) return p;
    const s = stack!;
    s.status = "DELETE_IN_PROGRESS";
    const left = this.removeMembers(caller, s);
    if (left.length > 0) {
      s.status = "DELETE_FAILED";
      s.statusReason = `could not delete ${left.join(", ")}`;
      return fail(domainError("CONFLICT", `stack ${stackId} ${s.status}: ${s.statusReason}`));
    }
    s.status = "DELETE_COMPLETE";
    this.core.stacks.remove(stackId);
    return ok(stackView(s));
  }

  /** Stacks of the caller's tenant (all for a cloud administrator), by id. */
  list(caller: Caller): Result<Record<string, unknown>[]> {
    const p = this.core.guard.permit(caller, "stack:list");
    return p.ok ? ok(this.core.stacks.list(this.core.guard.scope(p.value, "stack:list")).map(stackView)) : p;
  }

  get(caller: Caller, stackId: string): Result<Record<string, unknown>> {
    const stack = this.core.stacks.stack(stackId);
    const p = this.core.guard.reach(caller, "stack:list", `stack ${stackId}`, stack?.tenantId);
    return p.ok ? ok(stackView(stack!)) : p;
  }

  /** Creates one member; what it made (even when failing, e.g. servers left in ERROR) and its error. */
  private createMember(caller: Caller, tenantId: string, r: StackResourceRequest): { members?: StackMember; error?: DomainError } {
    const member = (ids: readonly string[]): StackMember => ({ name: r.name, type: r.type, physicalIds: ids });
    if (r.type === "OS::Nova::Server") {
      const input = { tenantId, name: r.name, flavourId: r.flavourId, metadata: { stack: r.name }, ...(r.imageId === undefined ? {} : { imageId: r.imageId }), ...(r.zoneId === undefined ? {} : { zoneId: r.zoneId }), ...(r.bootTimeMs === undefined ? {} : { bootTimeMs: r.bootTimeMs }) };
      const launched = this.compute.launch(caller, input);
      if (!launched.ok) return { error: launched.error };
      const ids = launched.value.servers.map((s) => s.id);
      return launched.value.failure === undefined ? { members: member(ids) } : { members: member(ids), error: launched.value.failure };
    }
    if (r.type === "OS::Cinder::Volume") {
      const v = this.storage.create(caller, { tenantId, zoneId: r.zoneId, sizeOfStorageGb: r.sizeGb, storageName: r.name });
      return v.ok ? { members: member([v.value.storageId]) } : { error: v.error };
    }
    const n = this.network.createNetwork(caller, { tenantId, name: r.name, networkType: r.networkType });
    if (!n.ok) return { error: n.error };
    if (r.cidr === undefined) return { members: member([n.value.networkResourceId]) };
    const s = this.network.createSubnet(caller, { networkId: n.value.networkResourceId, cidr: r.cidr, name: r.name });
    return s.ok ? { members: member([n.value.networkResourceId, s.value.resourceId]) } : { members: member([n.value.networkResourceId]), error: s.error };
  }

  /**
   * Removes members, servers first, then the rest in reverse creation order; a member already gone
   * counts as removed. Returns the ids that could not be removed (they stay members).
   */
  private removeMembers(caller: Caller, stack: StackRecord): string[] {
    const order = [...stack.members].reverse().sort((a, b) => Number(b.type === "OS::Nova::Server") - Number(a.type === "OS::Nova::Server"));
    const left: StackMember[] = [];
    for (const m of order) {
      const stuck = m.physicalIds.filter((id) => !this.removeOne(caller, m.type, id));
      if (stuck.length > 0) left.push({ ...m, physicalIds: stuck });
    }
    stack.members = left.reverse();
    return left.flatMap((m) => m.physicalIds);
  }

  private removeOne(caller: Caller, type: StackMember["type"], id: string): boolean {
    const r = type === "OS::Nova::Server" ? this.compute.terminate(caller, id) : type === "OS::Cinder::Volume" ? this.storage.delete(caller, id) : this.network.delete(caller, id);
    return r.ok || r.error.kind === "NOT_FOUND";
  }
}
