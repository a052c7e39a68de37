/**
 * Library façade for IFA virtualised network management (networks, subnets, ports, trunks), checked
 * against the caller's role and tenant (guard.ts). A shared network is visible to every tenant (it
 * may list it and put ports on it, Neutron's rule) but only a cloud administrator may share one.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Principal } from "../identity/authorize.js";
import type { Privilege } from "../identity/privileges.js";
import type {
  CreateNetworkRequest,
  CreatePortRequest,
  CreateSubnetRequest,
  CreateTrunkRequest,
  NetworkResourceFilter,
  UpdateNetworkResourceData,
} from "../network/network-requests.js";
import type { NetworkRecord, PortRecord, SubnetRecord, TrunkRecord } from "../network/network-resources.js";
import type { PublicIpRecord } from "../network/public-ips.js";
import { sees, type Caller } from "./guard.js";
import { quotaAdmits } from "./quota-api.js";
import { serverOf, type VimCore } from "./vim-core.js";

/** A create request whose owner defaults to the caller's tenant. */
type Owned<T extends { readonly tenantId: string }> = Omit<T, "tenantId"> & { readonly tenantId?: string };

export class NetworkApi {
  constructor(private readonly core: VimCore) {}

  /** Allocate NETWORK: FORBIDDEN for a shared network unless the caller administers the cloud. */
  createNetwork(caller: Caller, input: Owned<CreateNetworkRequest>): Result<Readonly<NetworkRecord>> {
    const who = this.core.guard.owner(caller, "network:create", input.tenantId);
    if (!who.ok) return who;
    if (input.isShared === true && this.core.guard.scope(who.value.principal, "network:create") !== undefined) {
      return fail(domainError("FORBIDDEN", "only a cloud administrator may create a shared network", { "shared network": 1 }));
    }
    return this.core.network.createNetwork({ ...input, tenantId: who.value.tenantId });
  }

  /** Allocate SUBNET on a network the caller can reach; the subnet belongs to (and counts in the quota of) the network's tenant. */
  createSubnet(caller: Caller, input: Omit<CreateSubnetRequest, "tenantId">): Result<Readonly<SubnetRecord>> {
    const n = this.core.network.network(input.networkId);
    const p = this.core.guard.reach(caller, "network:create", `network ${input.networkId}`, n?.tenantId);
    if (!p.ok) return p;
    // The network's first DHCP subnet also creates its DHCP port, a port of the network's tenant.
    const dhcpPort = (input.isDhcpEnabled ?? true) && n!.dhcpPortId === null ? 1 : 0;
    const quota = quotaAdmits(this.core, n!.tenantId, { subnet: 1, port: dhcpPort });
    return quota.ok ? this.core.network.createSubnet({ ...input, tenantId: n!.tenantId }) : quota;
  }

  /** Allocate PORT on a network the caller can see (its own or a shared one). */
  createPort(caller: Caller, input: Owned<CreatePortRequest>): Result<Readonly<PortRecord>> {
    const who = this.core.guard.owner(caller, "network:create", input.tenantId);
    if (!who.ok) return who;
    const n = this.core.network.network(input.networkId);
    if (n === undefined || !this.visible(who.value.principal, "network:create", n)) return fail(domainError("NOT_FOUND", `network ${input.networkId} does not exist`));
    const quota = quotaAdmits(this.core, who.value.tenantId, { port: 1 });
    return quota.ok ? this.core.network.createPort({ ...input, tenantId: who.value.tenantId }) : quota;
  }

  /**
   * Allocates a public (floating) IP of the external network for the caller's tenant, optionally
   * associated with one of its ports; counts in the floatingip quota; with a reservationId it draws
   * from that network reservation (INV-C3).
   */
  allocatePublicIp(caller: Caller, input: { readonly tenantId?: string; readonly portId?: string; readonly reservationId?: string }): Result<Readonly<PublicIpRecord>> {
    const who = this.core.guard.owner(caller, "network:create", input.tenantId);
    if (!who.ok) return who;
    const quota = quotaAdmits(this.core, who.value.tenantId, { floatingip: 1 });
    return quota.ok ? this.core.network.allocatePublicIp({ ...input, tenantId: who.value.tenantId }) : quota;
  }

  /** Releases a public IP the caller reaches. */
  releasePublicIp(caller: Caller, publicIpId: string): Result<void> {
    const p = this.core.guard.reach(caller, "network:delete", `public IP ${publicIpId}`, this.core.network.publicIp(publicIpId)?.tenantId);
    return p.ok ? this.core.network.releasePublicIp(publicIpId) : p;
  }

  /** The caller's tenant's public IPs (all for a cloud administrator), in allocation order. */
  queryPublicIps(caller: Caller): Result<Readonly<PublicIpRecord>[]> {
    return this.listed(caller, (p) => this.core.network.queryPublicIps().filter((f) => sees(p, "network:list", f.tenantId)));
  }

  /** Allocate TRUNK on a port the caller can reach; the trunk belongs to the port's tenant. */
  createTrunk(caller: Caller, input: Omit<CreateTrunkRequest, "tenantId">): Result<Readonly<TrunkRecord>> {
    const port = this.core.network.port(input.parentPortId);
    const p = this.core.guard.reach(caller, "network:create", `port ${input.parentPortId}`, port?.tenantId);
    if (!p.ok) return p;
    const hidden = (input.subPorts ?? []).find((s) => this.core.network.port(s.portId)?.tenantId !== port!.tenantId);
    if (hidden !== undefined) return fail(domainError("NOT_FOUND", `port ${hidden.portId} does not exist`));
    return this.core.network.createTrunk({ ...input, tenantId: port!.tenantId });
  }

  /** Binds a port to a server of the same tenant (a vNIC). */
  bindPort(caller: Caller, portId: string, computeId: string): Result<Readonly<PortRecord>> {
    const port = this.core.network.port(portId);
    const p = this.core.guard.reach(caller, "network:attach", `port ${portId}`, port?.tenantId);
    if (!p.ok) return p;
    const s = serverOf(this.core, computeId);
    if (s === undefined || s.tenant !== port!.tenantId) return fail(domainError("NOT_FOUND", `server ${computeId} does not exist`));
    return this.core.network.bindPort(portId, computeId);
  }

  unbindPort(caller: Caller, portId: string): Result<Readonly<PortRecord>> {
    const port = this.core.network.port(portId);
    const p = this.core.guard.reach(caller, "network:detach", `port ${portId}`, port?.tenantId);
    return p.ok ? this.core.network.unbindPort(portId) : p;
  }

  /** UpdateVirtualisedNetworkResource on a resource the caller owns. */
  update(caller: Caller, resourceId: string, data: UpdateNetworkResourceData): Result<void> {
    const p = this.core.guard.reach(caller, "network:update", `network resource ${resourceId}`, this.ownerOf(resourceId));
    return p.ok ? this.core.network.update(resourceId, data) : p;
  }

  /** Terminates one network resource (trunk, port, subnet or network). */
  delete(caller: Caller, resourceId: string): Result<void> {
    const p = this.core.guard.reach(caller, "network:delete", `network resource ${resourceId}`, this.ownerOf(resourceId));
    return p.ok ? this.core.network.deleteAny(resourceId) : p;
  }

  /** TerminateVirtualisedNetworkResource, best effort: only the caller's resources are touched. */
  terminate(caller: Caller, resourceIds: readonly string[]): Result<string[]> {
    const p = this.core.guard.permit(caller, "network:delete");
    if (!p.ok) return p;
    const mine = resourceIds.filter((id) => {
      const owner = this.ownerOf(id);
      return owner !== undefined && sees(p.value, "network:delete", owner);
    });
    return ok(this.core.network.terminate(mine));
  }

  /** Query NETWORK: the caller's tenant's networks and shared ones (all for a cloud administrator). */
  queryNetworks(caller: Caller, filter: NetworkResourceFilter = {}): Result<Readonly<NetworkRecord>[]> {
    return this.listed(caller, (p) => this.core.network.queryNetworks(filter).filter((n) => this.visible(p, "network:list", n)));
  }
  querySubnets(caller: Caller, filter: NetworkResourceFilter = {}): Result<Readonly<SubnetRecord>[]> {
    return this.listed(caller, (p) => this.core.network.querySubnets(filter).filter((s) => sees(p, "network:list", s.tenantId)));
  }
  queryPorts(caller: Caller, filter: NetworkResourceFilter = {}): Result<Readonly<PortRecord>[]> {
    return this.listed(caller, (p) => this.core.network.queryPorts(filter).filter((x) => sees(p, "network:list", x.tenantId)));
  }
  queryTrunks(caller: Caller, filter: NetworkResourceFilter = {}): Result<Readonly<TrunkRecord>[]> {
    return this.listed(caller, (p) => this.core.network.queryTrunks(filter).filter((t) => sees(p, "network:list", t.tenantId)));
  }

  private listed<T>(caller: Caller, list: (p: Principal) => T[]): Result<T[]> {
    const p = this.core.guard.permit(caller, "network:list");
    return p.ok ? ok(list(p.value)) : p;
  }

  private visible(p: Principal, privilege: Privilege, n: Readonly<NetworkRecord>): boolean {
    return n.isShared || sees(p, privilege, n.tenantId);
  }

  /** The owner tenant of any network resource id, undefined when there is none. */
  private ownerOf(id: string): string | undefined {
    const net = this.core.network;
    return net.network(id)?.tenantId ?? net.subnet(id)?.tenantId ?? net.port(id)?.tenantId ?? net.trunk(id)?.tenantId;
  }
}
