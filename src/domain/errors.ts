/**
 * Kinds of expected failure (rule 11): returned as values, logged and counted, never thrown.
 * Names follow ETSI IFA 005/006 and the OpenStack faults they map to.
 */
export const ERROR_KINDS = [
  "NOT_FOUND",
  "WRONG_STATE",
  "QUOTA_EXCEEDED",
  "NO_VALID_HOST",
  "INVALID_ARGUMENT",
  "CONFLICT",
  /** A pool (IP addresses, segmentation ids, MAC addresses, backend capacity) has nothing left. */
  "EXHAUSTED",
  /** Input that cannot be parsed at all (a CIDR or an IP address that is not one). */
  "MALFORMED",
  /** The resource exists but the tenant may not do this to it (Glance/Neutron 403). */
  "FORBIDDEN",
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** An expected failure: a kind plus a human sentence; `detail` carries countable reasons. */
export interface DomainError {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly detail?: Readonly<Record<string, number>>;
}

export const domainError = (
  kind: ErrorKind,
  message: string,
  detail?: Readonly<Record<string, number>>,
): DomainError => (detail === undefined ? { kind, message } : { kind, message, detail });

/**
 * A broken invariant: a programmer error, not an outcome. Thrown, it stops the run; the runner adds
 * the seed so the failure can be replayed.
 */
export class InvariantViolation extends Error {
  override readonly name = "InvariantViolation";
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(`${invariant}: ${message}`);
  }
}

/** Throws InvariantViolation unless `condition` holds. */
export function invariant(condition: boolean, id: string, message: () => string): asserts condition {
  if (!condition) throw new InvariantViolation(id, message());
}
