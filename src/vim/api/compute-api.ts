/**
 * Library façade for IFA virtualised compute management: Allocate, Query, Update, Operate (and
 * Scale/Migrate through it), Terminate, each checked against the caller's role and tenant (guard.ts).
 * The compute service's hot path is untouched; the cross-service effects it lacks are composed here:
 * an image must fit the flavour before anything is claimed (Nova _validate_flavor_image), and
 * terminate unbinds the server's ports and detaches its volumes (INV-J1).
 */
import { transition } from "../compute/server-machine.js";
import { domainError, fail, ok, type DomainError, type Result } from "../../domain/index.js";
import type { OperateOptions } from "../compute/compute-service.js";
import type { UserOp } from "../compute/server-machine.js";
import type { GroupPolicy } from "../compute/server-group.js";
import { selectAttributes, type ServerFilter } from "../compute/server-query.js";
import type { ServerRecord } from "../compute/server.js";
import { checkImageFits } from "../image/image-fit.js";
import { computeCharge, resizeCharge } from "../quota/quota-usage.js";
import { deleteInterfacePorts, updateInterfaces, type InterfaceChange } from "./compute-interfaces.js";
import type { Caller } from "./guard.js";
import type { NetworkApi } from "./network-api.js";
import { quotaAdmits } from "./quota-api.js";
import { routeAllocation } from "./reservation-api.js";
import { computeView, serverOf, type ServerExtras, type VimCore } from "./vim-core.js";

export interface AllocateComputeInput {
  /** The owner tenant; default the caller's (another is for cloud administrators only). */
  readonly tenantId?: string;
  readonly flavourId: string;
  readonly imageId?: string;
  readonly name?: string;
  readonly zoneId?: string;
  readonly groupId?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Servers to create, all or nothing (Nova min_count = max_count); default 1. */
  readonly count?: number;
  /** Modelled spawn duration of each server (drawn by the caller), default 0. */
  readonly bootTimeMs?: number;
  readonly keyPairId?: string;
  /** Default: the tenant's default security group. */
  readonly securityGroupIds?: readonly string[];
  /** Draw from this reservation (IFA reservationId): its reserved hosts, only while it is ACTIVE. */
  readonly reservationId?: string;
}

export type ComputeView = Record<string, unknown>;

export interface ComputeSnapshotView {
  readonly snapshotId: string;
  readonly computeId: string;
  readonly tenantId: string;
  readonly createdAtMs: number;
}

/** A server group as QueryServerGroups shows it. */
export interface ServerGroupView {
  readonly groupId: string;
  readonly tenantId: string;
  readonly policy: GroupPolicy;
  readonly members: number;
  readonly metadata: Readonly<Record<string, string>>;
}

export class ComputeApi {
  /** Server group id → its metadata (the compute service's groups carry none). */
  private readonly groupMetadata = new Map<string, Readonly<Record<string, string>>>();

  constructor(
    private readonly core: VimCore,
    private readonly network: NetworkApi,
  ) {}

  /**
   * AllocateVirtualisedComputeResource. NOT_FOUND for an unknown or invisible flavour, image, key pair
   * or security group; INVALID_ARGUMENT/WRONG_STATE when the image does not fit; NO_VALID_HOST with
   * countable reasons when placement fails (the servers then stay in ERROR, as Nova keeps them).
   */
  allocate(caller: Caller, input: AllocateComputeInput): Result<ComputeView[]> {
    const r = this.launch(caller, input);
    if (!r.ok) return r;
    const { servers, failure } = r.value;
    return failure === undefined ? ok(servers.map((s) => computeView(this.core, s))) : fail(failure);
  }

  /**
   * Allocate's checks and claim, returning the servers even when placement failed (`failure` then
   * says why and they are in ERROR): stacks need them to roll back.
   */
  launch(caller: Caller, input: AllocateComputeInput): Result<{ readonly servers: ServerRecord[]; readonly failure: DomainError | undefined }> {
    const who = this.core.guard.owner(caller, "compute:create", input.tenantId);
    if (!who.ok) return who;
    const tenantId = who.value.tenantId;
    const flavour = this.core.flavours.flavour(input.flavourId);
    if (flavour === undefined) return fail(domainError("NOT_FOUND", `flavour ${input.flavourId} does not exist`));
    const count = input.count ?? 1;
    if (!Number.isInteger(count) || count < 1) return fail(domainError("INVALID_ARGUMENT", `server count ${count} is not a positive integer`));
    if (input.imageId !== undefined) {
      const image = this.core.images.get(input.imageId, tenantId);
      if (!image.ok) return image;
      const fits = checkImageFits(image.value, flavour);
      if (!fits.ok) return fits;
    }
    if (input.groupId !== undefined && this.core.serverGroupOwners.get(input.groupId) !== tenantId) {
      return fail(domainError("NOT_FOUND", `server group ${input.groupId} does not exist`));
    }
    const extras = this.extrasFor(tenantId, input);
    if (!extras.ok) return extras;
    // Last check before the claim: QUOTA_EXCEEDED leaves everything as it was (INV-B2).
    const charge = computeCharge(flavour.amounts);
    const quota = quotaAdmits(this.core, tenantId, { instances: count, cores: charge.cores * count, ram: charge.ram * count });
    if (!quota.ok) return quota;
    const routed = routeAllocation(this.core, input.reservationId, {
      tenant: tenantId,
      flavour,
      zone: input.zoneId,
      groupId: input.groupId,
      name: input.name,
      metadata: input.metadata ?? {},
      bootTimesMs: Array.from({ length: count }, () => input.bootTimeMs ?? 0),
      ...(input.imageId === undefined ? {} : { imageId: input.imageId }),
      measured: true,
    });
    if (!routed.ok) return routed;
    const r = routed.value;
    for (const s of r.servers) this.core.serverExtras.set(s.no, extras.value);
    const failure = r.error === undefined ? undefined : domainError("NO_VALID_HOST", `${r.error} (servers ${r.servers.map((s) => s.id).join(", ")} are in ERROR)`, Object.fromEntries(r.reasons ?? []));
    return ok({ servers: r.servers, failure });
  }

  /** The key pair and security groups of a request: NOT_FOUND unless they are the tenant's. */
  private extrasFor(tenantId: string, input: AllocateComputeInput): Result<ServerExtras> {
    const kp = input.keyPairId === undefined ? undefined : this.core.keyPairs.keyPair(input.keyPairId);
    if (input.keyPairId !== undefined && kp?.tenantId !== tenantId) return fail(domainError("NOT_FOUND", `key pair ${input.keyPairId} does not exist`));
    const requested = input.securityGroupIds ?? [this.core.securityGroups.defaultOf(tenantId)?.securityGroupId].filter((id): id is string => id !== undefined);
    const missing = requested.find((id) => this.core.securityGroups.group(id)?.tenantId !== tenantId);
    if (missing !== undefined) return fail(domainError("NOT_FOUND", `security group ${missing} does not exist`));
    return ok({ imageId: input.imageId ?? null, keyPairId: input.keyPairId ?? null, securityGroupIds: [...new Set(requested)].sort() });
  }

  /**
   * CreateComputeResourceAffinityOrAntiAffinityConstraintsGroup (Nova server group): hard or soft
   * (anti-)affinity, at most `maxPerHost` members per host for anti-affinity. Owned by the caller's
   * tenant; another tenant's group is NOT_FOUND to it.
   */
  createServerGroup(caller: Caller, input: { readonly name: string; readonly policy: GroupPolicy; readonly maxPerHost?: number; readonly tenantId?: string; readonly metadata?: Readonly<Record<string, string>> }): Result<{ readonly groupId: string }> {
    const who = this.core.guard.owner(caller, "compute:create", input.tenantId);
    if (!who.ok) return who;
    const maxPerHost = input.maxPerHost ?? 1;
    if (!Number.isInteger(maxPerHost) || maxPerHost < 1) return fail(domainError("INVALID_ARGUMENT", `maxPerHost ${maxPerHost} is not a positive integer`));
    const groupId = `sg-${this.core.serverGroupOwners.size + 1}`;
    const created = this.core.compute.createServerGroup(groupId, input.policy, maxPerHost);
    if (!created.ok) return created;
    this.core.serverGroupOwners.set(groupId, who.value.tenantId);
    this.groupMetadata.set(groupId, { ...(input.metadata ?? {}) });
    return ok({ groupId });
  }

  /** Deletes a server group of the caller's tenant: CONFLICT while it has live members. */
  deleteServerGroup(caller: Caller, groupId: string): Result<void> {
    const p = this.core.guard.reach(caller, "compute:delete", `server group ${groupId}`, this.liveGroupOwner(groupId));
    if (!p.ok) return p;
    const r = this.core.compute.deleteServerGroup(groupId);
    if (r.ok) this.groupMetadata.delete(groupId);
    return r;
  }

  /** The caller's tenant's live server groups (all for a cloud administrator), by id. */
  serverGroups(caller: Caller): Result<ServerGroupView[]> {
    const p = this.core.guard.permit(caller, "compute:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "compute:list");
    const views: ServerGroupView[] = [];
    for (const [groupId, tenantId] of this.core.serverGroupOwners) {
      const group = this.core.compute.serverGroup(groupId);
      if (group === undefined || (scope !== undefined && tenantId !== scope)) continue;
      views.push({ groupId, tenantId, policy: group.policy, members: group.members.size, metadata: this.groupMetadata.get(groupId) ?? {} });
    }
    return ok(views.sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0)));
  }

  private liveGroupOwner(groupId: string): string | undefined {
    return this.core.compute.serverGroup(groupId) === undefined ? undefined : this.core.serverGroupOwners.get(groupId);
  }

  /** QueryVirtualisedComputeResource: the caller's tenant's servers (all for a cloud administrator), by number. */
  query(caller: Caller, filter: ServerFilter = {}, attributeSelector?: readonly string[]): Result<ComputeView[]> {
    const p = this.core.guard.permit(caller, "compute:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "compute:list");
    if (scope !== undefined && filter.tenant !== undefined && filter.tenant !== scope) return ok([]);
    const servers = this.core.compute.query(scope === undefined ? filter : { ...filter, tenant: scope });
    return ok(servers.map((s) => selectAttributes(computeView(this.core, s), attributeSelector)));
  }

  /** One server: NOT_FOUND when absent or invisible. */
  get(caller: Caller, computeId: string): Result<ComputeView> {
    const s = serverOf(this.core, computeId);
    const p = this.core.guard.reach(caller, "compute:list", `server ${computeId}`, s?.tenant);
    return p.ok ? ok(computeView(this.core, s!)) : p;
  }

  /**
   * OperateVirtualisedComputeResource (and Scale with `flavourId`, Migrate): see ComputeService.operate.
   * A resize is charged its upsize delta of cores and RAM against the quota first (Nova re-checks quota
   * on resize); the server then counts the larger flavour until the move ends (quota-usage.ts).
   */
  operate(caller: Caller, computeId: string, op: UserOp, options: { readonly flavourId?: string; readonly autoConfirm?: boolean } = {}): Result<ComputeView> {
    const s = serverOf(this.core, computeId);
    const p = this.core.guard.reach(caller, "compute:operate", `server ${computeId}`, s?.tenant);
    if (!p.ok) return p;
    const flavour = options.flavourId === undefined ? undefined : this.core.flavours.flavour(options.flavourId);
    if (options.flavourId !== undefined && flavour === undefined) return fail(domainError("NOT_FOUND", `flavour ${options.flavourId} does not exist`));
    // Nova checks the state first (409), then the quota of the flavour delta (403).
    if (op === "resize" && flavour !== undefined && transition(s!.state, op) !== undefined) {
      const quota = quotaAdmits(this.core, s!.tenant, resizeCharge(s!, flavour));
      if (!quota.ok) return quota;
    }
    const opts: OperateOptions = { ...(flavour === undefined ? {} : { flavour }), ...(options.autoConfirm === undefined ? {} : { autoConfirm: options.autoConfirm }) };
    const r = this.core.compute.operate(s!.no, op, opts);
    return r.ok ? ok(computeView(this.core, r.value)) : r;
  }

  /** Server snapshots (IFA computeOperation CREATE_SNAPSHOT results) the caller can see, optionally of one server, by id. */
  snapshots(caller: Caller, computeId?: string): Result<ComputeSnapshotView[]> {
    const p = this.core.guard.permit(caller, "compute:list");
    if (!p.ok) return p;
    const scope = this.core.guard.scope(p.value, "compute:list");
    const all = this.core.compute.snapshotIds().map((id) => this.core.compute.snapshot(id)!);
    return ok(all.filter((s) => (scope === undefined || s.tenantId === scope) && (computeId === undefined || s.computeId === computeId)));
  }

  /** DELETE_SNAPSHOT: NOT_FOUND for a snapshot that does not exist or belongs to another tenant. */
  deleteSnapshot(caller: Caller, snapshotId: string): Result<void> {
    const snapshot = this.core.compute.snapshot(snapshotId);
    const p = this.core.guard.reach(caller, "compute:operate", `snapshot ${snapshotId}`, snapshot?.tenantId);
    return p.ok ? this.core.compute.deleteSnapshot(snapshotId) : p;
  }

  /** UpdateVirtualisedComputeResource: metadata. */
  update(caller: Caller, computeId: string, set: Readonly<Record<string, string>>, remove: readonly string[] = []): Result<ComputeView> {
    const s = serverOf(this.core, computeId);
    const p = this.core.guard.reach(caller, "compute:update", `server ${computeId}`, s?.tenant);
    if (!p.ok) return p;
    const r = this.core.compute.updateMetadata(s!.no, set, remove);
    return r.ok ? ok(computeView(this.core, r.value)) : r;
  }

  /**
   * UpdateVirtualisedComputeResource, interfaces: adds vNICs (on a network, or an existing port) and
   * removes them by port id, all or nothing (compute-interfaces.ts). Returns the ports added and removed.
   */
  updateInterfaces(caller: Caller, computeId: string, change: InterfaceChange): Result<{ readonly added: string[]; readonly removed: string[] }> {
    return updateInterfaces(this.core, this.network, caller, computeId, change);
  }

  /**
   * TerminateVirtualisedComputeResource: then its ports are unbound and its volumes detached (INV-J1);
   * ports the VIM made for its interfaces are deleted.
   */
  terminate(caller: Caller, computeId: string): Result<{ readonly unboundPortIds: string[]; readonly detachedVolumeIds: string[] }> {
    const s = serverOf(this.core, computeId);
    const p = this.core.guard.reach(caller, "compute:delete", `server ${computeId}`, s?.tenant);
    if (!p.ok) return p;
    const r = this.core.compute.terminate(s!.no);
    if (!r.ok) return r;
    this.core.serverExtras.delete(s!.no);
    const unboundPortIds = this.core.network.unbindCompute(computeId);
    deleteInterfacePorts(this.core, unboundPortIds);
    return ok({ unboundPortIds, detachedVolumeIds: this.core.storage.detachCompute(computeId) });
  }

  /** Terminate over a list, best effort (IFA): the ids actually terminated, in the order given. */
  terminateMany(caller: Caller, computeIds: readonly string[]): Result<string[]> {
    const p = this.core.guard.permit(caller, "compute:delete");
    if (!p.ok) return p;
    return ok([...new Set(computeIds)].filter((id) => this.terminate(caller, id).ok));
  }
}
