/**
 * Neutron trunks (IFA TRUNK): a parent port carrying tagged sub-ports. The rules, as Neutron's trunk
 * plugin has them: the parent and every sub-port belong to the trunk's tenant (FORBIDDEN otherwise);
 * a port is in at most one trunk, as parent or sub-port (CONFLICT); sub-ports are not bound to a
 * compute themselves (CONFLICT, they ride on the parent's binding); segmentation ids are VLAN ids
 * 1..4094 (INVALID_ARGUMENT), unique within the trunk (CONFLICT). A trunk's ports cannot be deleted
 * while the trunk exists (network-ports.ts refuses them).
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";
import type { ChangeLog } from "../common/change-log.js";
import type { SubPortRequest } from "./network-requests.js";
import { trunkView, type PortRecord, type SubPort, type TrunkRecord } from "./network-resources.js";

/** What trunk operations need of the network service's state. */
export interface TrunkContext {
  readonly ports: ReadonlyMap<string, PortRecord>;
  readonly trunks: Map<string, TrunkRecord>;
  readonly changes: ChangeLog;
  portSnapshot(p: PortRecord): unknown;
}

/** Checks a port can join a trunk of `tenantId` (as parent when `asParent`). */
function checkMember(ctx: TrunkContext, tenantId: string, portId: string, asParent: boolean): Result<PortRecord> {
  const p = ctx.ports.get(portId);
  if (p === undefined) return fail(domainError("NOT_FOUND", `port ${portId} does not exist`));
  if (p.tenantId !== tenantId) return fail(domainError("FORBIDDEN", `port ${portId} belongs to another tenant`));
  if (p.trunkId !== null) return fail(domainError("CONFLICT", `port ${portId} is already in trunk ${p.trunkId}`));
  if (p.deviceOwner === "network:dhcp") return fail(domainError("CONFLICT", `port ${portId} is a DHCP port`));
  if (!asParent && p.attachedResourceId !== null) return fail(domainError("CONFLICT", `port ${portId} is bound to ${p.attachedResourceId}`));
  return ok(p);
}

/** Validates sub-ports to add to `trunk` (or to a new trunk with `parentPortId`). */
function checkSubPorts(ctx: TrunkContext, tenantId: string, parentPortId: string, existing: readonly SubPort[], requests: readonly SubPortRequest[]): Result<SubPort[]> {
  const ids = new Set(existing.map((s) => s.segmentationId));
  const portIds = new Set([parentPortId, ...existing.map((s) => s.portId)]);
  const out: SubPort[] = [];
  for (const r of requests) {
    if (!Number.isInteger(r.segmentationId) || r.segmentationId < 1 || r.segmentationId > 4094) {
      return fail(domainError("INVALID_ARGUMENT", `sub-port segmentation id ${r.segmentationId} is not a VLAN id 1..4094`));
    }
    if (ids.has(r.segmentationId)) return fail(domainError("CONFLICT", `segmentation id ${r.segmentationId} is used twice in the trunk`));
    if (portIds.has(r.portId)) return fail(domainError("CONFLICT", `port ${r.portId} is already part of the trunk`));
    const member = checkMember(ctx, tenantId, r.portId, false);
    if (!member.ok) return member;
    ids.add(r.segmentationId);
    portIds.add(r.portId);
    out.push({ portId: r.portId, segmentationType: "vlan", segmentationId: r.segmentationId });
  }
  return ok(out);
}

/** Marks ports as members of `trunkId` (or frees them for null), one port record each. */
function setTrunk(ctx: TrunkContext, portIds: readonly string[], trunkId: string | null): void {
  for (const id of portIds) {
    const p = ctx.ports.get(id)!;
    const before = ctx.changes.snapshot(() => ctx.portSnapshot(p));
    p.trunkId = trunkId;
    ctx.changes.write("port", id, trunkId === null ? "trunk.leave" : "trunk.join", before, () => ctx.portSnapshot(p));
  }
}

export interface CreateTrunkFields {
  readonly trunkId: string;
  readonly tenantId: string;
  readonly parentPortId: string;
  readonly name: string;
  readonly subPorts: readonly SubPortRequest[];
  readonly metadata: Readonly<Record<string, string>>;
}

/** Allocate TRUNK: a parent port plus sub-ports. */
export function createTrunk(ctx: TrunkContext, f: CreateTrunkFields): Result<TrunkRecord> {
  const parent = checkMember(ctx, f.tenantId, f.parentPortId, true);
  if (!parent.ok) return parent;
  const subPorts = checkSubPorts(ctx, f.tenantId, f.parentPortId, [], f.subPorts);
  if (!subPorts.ok) return subPorts;
  const t: TrunkRecord = { trunkId: f.trunkId, tenantId: f.tenantId, name: f.name, parentPortId: f.parentPortId, subPorts: subPorts.value, adminStateUp: true, metadata: f.metadata };
  ctx.trunks.set(t.trunkId, t);
  ctx.changes.write("trunk", t.trunkId, "create", null, () => trunkView(t));
  setTrunk(ctx, [t.parentPortId, ...t.subPorts.map((s) => s.portId)], t.trunkId);
  return ok(t);
}

/** Adds sub-ports to a trunk, all or nothing. */
export function addSubPorts(ctx: TrunkContext, trunkId: string, requests: readonly SubPortRequest[]): Result<TrunkRecord> {
  const t = ctx.trunks.get(trunkId);
  if (t === undefined) return fail(domainError("NOT_FOUND", `trunk ${trunkId} does not exist`));
  const added = checkSubPorts(ctx, t.tenantId, t.parentPortId, t.subPorts, requests);
  if (!added.ok) return added;
  const before = ctx.changes.snapshot(() => trunkView(t));
  t.subPorts = [...t.subPorts, ...added.value];
  ctx.changes.write("trunk", trunkId, "subports.add", before, () => trunkView(t));
  setTrunk(ctx, added.value.map((s) => s.portId), trunkId);
  return ok(t);
}

/** Removes sub-ports from a trunk: NOT_FOUND for a port that is not one of its sub-ports. */
export function removeSubPorts(ctx: TrunkContext, trunkId: string, portIds: readonly string[]): Result<TrunkRecord> {
  const t = ctx.trunks.get(trunkId);
  if (t === undefined) return fail(domainError("NOT_FOUND", `trunk ${trunkId} does not exist`));
  const missing = portIds.find((id) => !t.subPorts.some((s) => s.portId === id));
  if (missing !== undefined) return fail(domainError("NOT_FOUND", `port ${missing} is not a sub-port of trunk ${trunkId}`));
  const before = ctx.changes.snapshot(() => trunkView(t));
  t.subPorts = t.subPorts.filter((s) => !portIds.includes(s.portId));
  ctx.changes.write("trunk", trunkId, "subports.remove", before, () => trunkView(t));
  setTrunk(ctx, [...new Set(portIds)], null);
  return ok(t);
}

/** Deletes a trunk; its parent and sub-ports become plain ports again. */
export function deleteTrunk(ctx: TrunkContext, trunkId: string): Result<void> {
  const t = ctx.trunks.get(trunkId);
  if (t === undefined) return fail(domainError("NOT_FOUND", `trunk ${trunkId} does not exist`));
  const before = ctx.changes.snapshot(() => trunkView(t));
  setTrunk(ctx, [t.parentPortId, ...t.subPorts.map((s) => s.portId)], null);
  ctx.trunks.delete(trunkId);
  ctx.changes.write("trunk", trunkId, "delete", before, () => null);
  return ok(undefined);
}
