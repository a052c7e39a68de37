/**
 * Quota sets (IFA 005 §1.11 Quota Management, OpenStack Nova/Neutron/Cinder quotas): the limit of
 * each quota item for one tenant, the OpenStack defaults a tenant without a quota of its own gets,
 * and the one admission rule every allocate and scale goes through. −1 means unlimited.
 */
import { domainError, fail, ok, type Result } from "../../domain/index.js";

/** Quota items by their OpenStack names; the IFA names are in QUOTA_IFA_NAMES. Order = report order. */
export const QUOTA_ITEMS = ["instances", "cores", "ram", "port", "subnet", "floatingip", "volumes", "gigabytes", "snapshots"] as const;
export type QuotaItem = (typeof QUOTA_ITEMS)[number];
export type QuotaSet = Readonly<Record<QuotaItem, number>>;

export const UNLIMITED = -1;

/** IFA 005 quota data members (VirtualCompute/Network/StorageQuota) of each item. */
export const QUOTA_IFA_NAMES: Readonly<Record<QuotaItem, string>> = {
  instances: "numVcInstances",
  cores: "numVCPUs",
  ram: "virtualMemSize",
  port: "numPorts",
  subnet: "numSubnets",
  floatingip: "numPublicIps",
  volumes: "numVolumes",
  gigabytes: "storageSize",
  snapshots: "numSnapshots",
};

/** OpenStack defaults (nova/conf/quota.py, Neutron as the issue fixes them, cinder/quota.py). */
export const DEFAULT_QUOTAS: QuotaSet = {
  instances: 10,
  cores: 20,
  ram: 51200,
  port: 50,
  subnet: 10,
  floatingip: 50,
  volumes: 10,
  gigabytes: 1000,
  snapshots: 10,
};

export const zeroQuotaSet = (): Record<QuotaItem, number> => ({ instances: 0, cores: 0, ram: 0, port: 0, subnet: 0, floatingip: 0, volumes: 0, gigabytes: 0, snapshots: 0 });

/** INVALID_ARGUMENT unless every given limit is an integer ≥ −1 (Nova's quota-set schema). */
export function validateLimits(limits: Partial<QuotaSet>): Result<void> {
  for (const item of QUOTA_ITEMS) {
    const v = limits[item];
    if (v !== undefined && (!Number.isInteger(v) || v < UNLIMITED)) return fail(domainError("INVALID_ARGUMENT", `quota ${item} must be an integer ≥ -1, got ${v}`));
  }
  return ok(undefined);
}

/**
 * The admission rule (INV-B1/B5): ok when, for every item requested, usage + requested stays within
 * the limit; otherwise QUOTA_EXCEEDED naming the first such item in QUOTA_ITEMS order. A request that
 * asks for nothing more (requested ≤ 0) is always admitted, even over a forcibly lowered limit.
 */
export function admit(limits: QuotaSet, usage: QuotaSet, requested: Partial<QuotaSet>): Result<void> {
  for (const item of QUOTA_ITEMS) {
    const want = requested[item] ?? 0;
    const limit = limits[item];
    if (want <= 0 || limit === UNLIMITED || usage[item] + want <= limit) continue;
    const message = `quota exceeded for ${item}: requested ${want}, in use ${usage[item]}, limit ${limit}`;
    return fail(domainError("QUOTA_EXCEEDED", message, { [item]: 1 }));
  }
  return ok(undefined);
}

/** Items whose new limit would be below current usage (lowering refused unless forced, INV-B4). */
export function belowUsage(limits: QuotaSet, usage: QuotaSet): QuotaItem[] {
  return QUOTA_ITEMS.filter((item) => limits[item] !== UNLIMITED && usage[item] > limits[item]);
}
