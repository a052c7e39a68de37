/**
 * Placement resource classes (OpenStack Placement's standard classes). The order of this tuple is the
 * order of every per-class array in the twin, so a class is also a small integer index.
 */
export const RESOURCE_CLASSES = ["VCPU", "PCPU", "MEMORY_MB", "DISK_GB"] as const;
export type ResourceClass = (typeof RESOURCE_CLASSES)[number];

export const RC_VCPU = 0;
export const RC_PCPU = 1;
export const RC_MEMORY_MB = 2;
export const RC_DISK_GB = 3;
export const RESOURCE_CLASS_COUNT = RESOURCE_CLASSES.length;

/** Index of a resource class in per-class arrays. */
export const resourceClassIndex = (rc: ResourceClass): number => RESOURCE_CLASSES.indexOf(rc);

/** Per-class amounts, always in RESOURCE_CLASSES order. */
export type ResourceAmounts = Readonly<Record<ResourceClass, number>>;

export const zeroAmounts = (): Record<ResourceClass, number> => ({ VCPU: 0, PCPU: 0, MEMORY_MB: 0, DISK_GB: 0 });
