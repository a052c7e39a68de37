/** IFA 019 AccResourceInfo of a device: what QueryAccResource and AccResourcesDiscovery return. */
import type { AccType } from "../../domain/index.js";
import type { Device } from "../../nfvi/index.js";

export interface AttachHandleInfo {
  readonly handleId: string;
  readonly type: string;
  readonly inUse: boolean;
  readonly boundTo?: string;
}

export interface AccResourceInfo {
  readonly accResourceId: string;
  readonly hostId: string;
  readonly accType: AccType;
  readonly vendor: string;
  readonly model: string;
  readonly functions: readonly string[];
  readonly loadedImage: string | null;
  readonly numaNode: number;
  readonly operationalState: "ENABLED" | "DISABLED";
  /** PROGRAMMING while an image onload is in flight. */
  readonly deviceState: string;
  readonly usageState: "IN_USE" | "NOT_IN_USE";
  readonly attachHandles: readonly AttachHandleInfo[];
}

/** Which devices a query selects: all fields optional, all given ones must match. */
export interface AccFilter {
  readonly accType?: AccType;
  readonly function?: string;
  readonly accResourceIds?: readonly string[];
}

export const matchesAccFilter = (d: Device, f: AccFilter): boolean =>
  (f.accType === undefined || d.spec.type === f.accType) &&
  (f.function === undefined || d.functions.includes(f.function)) &&
  (f.accResourceIds === undefined || f.accResourceIds.includes(d.id));

/** The device as an AccResourceInfo (a fresh object: safe to log as a snapshot). */
export function accResourceInfo(d: Device, hostId: string): AccResourceInfo {
  return {
    accResourceId: d.id,
    hostId,
    accType: d.spec.type,
    vendor: d.spec.vendor,
    model: d.spec.model,
    functions: [...d.functions],
    loadedImage: d.imageId ?? null,
    numaNode: d.spec.numaNode,
    operationalState: d.state === "DISABLED" ? "DISABLED" : "ENABLED",
    deviceState: d.state,
    usageState: d.boundCount > 0 ? "IN_USE" : "NOT_IN_USE",
    attachHandles: d.boundTo.map((c, k) => ({ handleId: `${d.id}#${k}`, type: d.spec.handleType, inUse: c !== null, ...(c === null ? {} : { boundTo: c }) })),
  };
}
