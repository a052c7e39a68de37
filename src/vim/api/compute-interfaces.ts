/**
 * UpdateVirtualisedComputeResource's interface part (IFA networkInterfaceNew / removal; Nova
 * interface-attach and interface-detach): add vNICs to a server, on a network (the VIM makes the
 * port, as Nova does with a net-id) or with an existing port, and remove them by port id. The change
 * is all or nothing: every removal is checked before anything is done, and a failed addition undoes
 * the additions made so far. Made through the network façade with the caller's own credentials, so
 * roles, tenants, quotas (one port each) and address pools apply exactly as to a direct call. A port
 * the VIM made for an interface is deleted when the interface is removed or the server terminated;
 * a port the caller brought is only unbound (Nova's rule).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { Caller } from "./guard.js";
import type { NetworkApi } from "./network-api.js";
import { serverOf, type VimCore } from "./vim-core.js";

/** A new interface: on a network (a port is made) or an existing port of the server's tenant. */
export type InterfaceRequest = { readonly networkId: string } | { readonly portId: string };

export interface InterfaceChange {
  readonly add?: readonly InterfaceRequest[];
  /** Ports bound to the server to detach. */
  readonly remove?: readonly string[];
}

/** Nova attaches and detaches interfaces of active, paused and stopped servers with no task running. */
const ATTACHABLE = new Set(["active", "paused", "stopped"]);

export function updateInterfaces(core: VimCore, network: NetworkApi, caller: Caller, computeId: string, change: InterfaceChange): Result<{ readonly added: string[]; readonly removed: string[] }> {
  const s = serverOf(core, computeId);
  const p = core.guard.reach(caller, "compute:update", `server ${computeId}`, s?.tenant);
  if (!p.ok) return p;
  if (!ATTACHABLE.has(s!.state.vmState) || s!.state.taskState !== null) return fail(domainError("WRONG_STATE", `interfaces of server ${computeId} cannot change in its state (${s!.state.vmState}${s!.state.taskState === null ? "" : `, ${s!.state.taskState}`})`));
  const remove = change.remove ?? [];
  const stray = remove.find((portId) => core.network.port(portId)?.attachedResourceId !== computeId);
  if (stray !== undefined) return fail(domainError("NOT_FOUND", `port ${stray} is not an interface of server ${computeId}`));
  const added: string[] = [];
  for (const request of change.add ?? []) {
    const r = addInterface(core, network, caller, s!.tenant, computeId, request);
    if (r.ok) {
      added.push(r.value);
      continue;
    }
    for (const portId of added.reverse()) detach(core, network, caller, portId);
    return r;
  }
  for (const portId of remove) detach(core, network, caller, portId);
  return ok({ added, removed: [...remove] });
}

function addInterface(core: VimCore, network: NetworkApi, caller: Caller, tenantId: string, computeId: string, request: InterfaceRequest): Result<string> {
  if ("portId" in request) {
    const bound = network.bindPort(caller, request.portId, computeId);
    return bound.ok ? ok(request.portId) : bound;
  }
  // The port belongs to the server's tenant (a cloud administrator acting on it included).
  const port = network.createPort(caller, { networkId: request.networkId, tenantId });
  if (!port.ok) return port;
  const portId = port.value.resourceId;
  core.interfacePorts.add(portId);
  const bound = network.bindPort(caller, portId, computeId);
  if (bound.ok) return ok(portId);
  detach(core, network, caller, portId);
  return bound;
}

/** Unbinds a port, and deletes it when the VIM made it for an interface. */
function detach(core: VimCore, network: NetworkApi, caller: Caller, portId: string): void {
  if (core.network.port(portId)?.attachedResourceId !== null) network.unbindPort(caller, portId);
  if (core.interfacePorts.delete(portId)) network.delete(caller, portId);
}

/** After a terminate unbound `portIds`: deletes those the VIM made for interfaces (Nova deletes its own ports). */
export function deleteInterfacePorts(core: VimCore, portIds: readonly string[]): string[] {
  return portIds.filter((portId) => core.interfacePorts.delete(portId) && core.network.deletePort(portId).ok);
}
