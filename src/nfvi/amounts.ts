/**
 * Per-class amount vectors (RESOURCE_CLASSES order) and their record form.
 */
import {
  domainError,
  RC_DISK_GB,
  RC_MEMORY_MB,
  RC_PCPU,
  RC_VCPU,
  RESOURCE_CLASSES,
  type DomainError,
  type ResourceAmounts,
} from "../domain/index.js";

/** Copies `amounts` into `out` (class order); the problem when an amount is not a non-negative integer. */
export function readAmounts(amounts: Partial<ResourceAmounts>, out: Float64Array): DomainError | null {
  for (let c = 0; c < RESOURCE_CLASSES.length; c++) {
    const rc = RESOURCE_CLASSES[c]!;
    const a = amounts[rc] ?? 0;
    if (!Number.isSafeInteger(a) || a < 0) {
      return domainError("INVALID_ARGUMENT", `${rc} amount must be a non-negative integer, got ${a}`);
    }
    out[c] = a;
  }
  return null;
}

/** A per-class vector (RESOURCE_CLASSES order) as a ResourceAmounts record. */
export function toAmounts(vector: ArrayLike<number>): ResourceAmounts {
  return {
    VCPU: vector[RC_VCPU] ?? 0,
    PCPU: vector[RC_PCPU] ?? 0,
    MEMORY_MB: vector[RC_MEMORY_MB] ?? 0,
    DISK_GB: vector[RC_DISK_GB] ?? 0,
  };
}

/** The classes asked, as a claim names them: `amounts` without its zero entries (a flavour's record has all four). */
export function askedAmounts(amounts: Partial<ResourceAmounts>): Partial<ResourceAmounts> {
  const out: Partial<Record<(typeof RESOURCE_CLASSES)[number], number>> = {};
  for (const rc of RESOURCE_CLASSES) {
    const a = amounts[rc];
    if (a !== undefined && a !== 0) out[rc] = a;
  }
  return out;
}
