/**
 * The argument checks of NfviState.claim that need no state: what Placement refuses before looking at
 * any provider, and the NOT_FOUND of a host index.
 */
import { domainError, RESOURCE_CLASSES, type ResourceAmounts, type ResourceClass } from "../domain/index.js";

/** NOT_FOUND for a host index the state does not have. */
export const hostNotFound = (h: number): ReturnType<typeof domainError> => domainError("NOT_FOUND", `no host with index ${h}`);

/**
 * What Placement's PUT /allocations refuses with 400 before looking at any provider, so the twin's
 * claim refuses it too (INVALID_ARGUMENT): no resource class at all, a class it does not know, and a
 * class asked with amount 0 (the schema's minimum is 1; "not asked" is leaving the class out).
 */
export function claimShapeProblem(amounts: Partial<ResourceAmounts>): ReturnType<typeof domainError> | null {
  const classes = Object.keys(amounts);
  if (classes.length === 0) return domainError("INVALID_ARGUMENT", "an allocation needs at least one resource class (Placement refuses empty resources)");
  for (const rc of classes) {
    if (!(RESOURCE_CLASSES as readonly string[]).includes(rc)) return domainError("INVALID_ARGUMENT", `unknown resource class ${rc}; classes: ${RESOURCE_CLASSES.join(", ")}`);
  }
  for (const rc of classes) {
    if (amounts[rc as ResourceClass] === 0) return domainError("INVALID_ARGUMENT", `${rc} amount 0: leave a class out instead (Placement refuses a zero amount)`);
  }
  return null;
}
