/**
 * A node's VIM resources, made and removed through the VIM's public operations with the cluster
 * tenant's credentials, as any tenant would: a port on the cluster network, a VM (in the control
 * plane's server group for members), the port bound to it, and its data volume when the spec asks
 * for one (etcd for members, the pool's volumeGb for workers) in the VM's zone, attached to it. All
 * tagged with the cluster id. A new machine gets a new volume; the old one goes with the old VM.
 */
import { fail, InvariantViolation, ok, type DomainError, type Result } from "../domain/index.js";
import type { Vim } from "../vim/index.js";
import type { ClusterRecord } from "./cluster-record.js";
import { CLUSTER_TAG, CONTROL_PLANE, NODE_TAG, POOL_TAG } from "./cluster-spec.js";

export interface NodeRequest {
  readonly name: string;
  readonly pool: string;
  /** Zones to try, in order: a NO_VALID_HOST in one moves on to the next. */
  readonly zones: ReadonlyArray<string | undefined>;
  readonly bootTimeMs: number;
  /** GB of the node's data volume; 0 for none. */
  readonly volumeGb: number;
}

export interface NodeResources {
  readonly computeId: string;
  readonly portId: string;
  readonly zoneId: string | undefined;
  /** The node's data volume, attached to its VM (undefined when it has none). */
  readonly volumeId: string | undefined;
  /** The VM was ACTIVE when allocate returned (a zero boot time). */
  readonly activeAtOnce: boolean;
}

/** The VIM metadata of a node's resources. */
export function nodeTags(clusterId: string, pool: string, name: string, labels: Readonly<Record<string, string>> = {}): Record<string, string> {
  const tags: Record<string, string> = { [CLUSTER_TAG]: clusterId, [POOL_TAG]: pool, [NODE_TAG]: name };
  for (const key of Object.keys(labels).sort()) tags[`label.${key}`] = labels[key]!;
  return tags;
}

/**
 * Port, VM and binding for one node; on any refusal everything made so far is undone and the
 * VIM's error (its kind is what the report counts) returned.
 */
export function provisionNode(vim: Vim, c: ClusterRecord, req: NodeRequest): Result<NodeResources> {
  const pool = c.spec.pools.find((p) => p.name === req.pool);
  const tags = nodeTags(c.spec.id, req.pool, req.name, pool?.labels);
  const port = vim.network.createPort(c.caller, { networkId: c.networkId!, name: `${req.name}-port`, metadata: tags });
  if (!port.ok) return port;
  const portId = port.value.resourceId;
  let last: DomainError | undefined;
  for (const zoneId of req.zones) {
    const launched = vim.compute.launch(c.caller, {
      flavourId: c.flavourByPool.get(req.pool)!,
      imageId: c.imageId,
      name: req.name,
      metadata: tags,
      bootTimeMs: req.bootTimeMs,
      ...(zoneId === undefined ? {} : { zoneId }),
      ...(req.pool === CONTROL_PLANE && c.groupId !== undefined ? { groupId: c.groupId } : {}),
      ...(pool?.reservationId === undefined ? {} : { reservationId: pool.reservationId }),
    });
    if (!launched.ok) {
      last = launched.error;
      break;
    }
    const { servers, failure } = launched.value;
    if (failure === undefined) {
      const computeId = servers[0]!.id;
      const bound = vim.network.bindPort(c.caller, portId, computeId);
      if (!bound.ok) throw new InvariantViolation("CCM", `port ${portId} of node ${req.name} not bound: ${bound.error.message}`);
      const volume = req.volumeGb > 0 ? attachVolume(vim, c, computeId, req, tags) : ok(undefined);
      if (!volume.ok) {
        // Quota (volumes, gigabytes) or the zone's storage refused: the machine fails as a whole.
        releaseNode(vim, c, computeId, portId, undefined);
        return fail(volume.error);
      }
      return ok({ computeId, portId, zoneId, volumeId: volume.value, activeAtOnce: servers[0]!.state.vmState === "active" });
    }
    // Nova keeps a server that found no host in ERROR: the CCM deletes it, as Cluster API does.
    for (const s of servers) vim.compute.terminate(c.caller, s.id);
    last = failure;
    if (failure.kind !== "NO_VALID_HOST") break;
  }
  vim.network.delete(c.caller, portId);
  return fail(last!);
}

/** A volume of `req.volumeGb` GB in the VM's zone, attached to it; the VIM's refusal as is. */
function attachVolume(vim: Vim, c: ClusterRecord, computeId: string, req: NodeRequest, tags: Readonly<Record<string, string>>): Result<string> {
  const placed = vim.compute.query(c.caller, { ids: [computeId] }, ["zoneId"]);
  const zoneId = placed.ok ? placed.value[0]?.["zoneId"] : undefined;
  if (typeof zoneId !== "string") throw new InvariantViolation("CCM", `VM ${computeId} of node ${req.name} has no zone after placement`);
  const purpose = req.pool === CONTROL_PLANE ? "etcd" : "data";
  const made = vim.storage.create(c.caller, { zoneId, sizeOfStorageGb: req.volumeGb, storageName: `${req.name}-${purpose}`, metadata: tags });
  if (!made.ok) return made;
  const attached = vim.storage.attach(c.caller, made.value.storageId, computeId);
  if (!attached.ok) throw new InvariantViolation("CCM", `volume ${made.value.storageId} of node ${req.name} not attached: ${attached.error.message}`);
  return ok(made.value.storageId);
}

/** Terminates a node's VM (its port is unbound and its volume detached by the VIM), then deletes its volume and port. */
export function releaseNode(vim: Vim, c: ClusterRecord, computeId: string, portId: string, volumeId: string | undefined): void {
  const t = vim.compute.terminate(c.caller, computeId);
  if (!t.ok && t.error.kind !== "NOT_FOUND") throw new InvariantViolation("CCM", `VM ${computeId} not terminated: ${t.error.message}`);
  if (volumeId !== undefined) {
    const d = vim.storage.delete(c.caller, volumeId);
    if (!d.ok && d.error.kind !== "NOT_FOUND") throw new InvariantViolation("CCM", `volume ${volumeId} not deleted: ${d.error.message}`);
  }
  vim.network.delete(c.caller, portId);
}
