/**
 * The Cinder volume status machine as an explicit transition table (rule 10). Operations are
 * instantaneous at library level, but each still passes through Cinder's transient status
 * (creating, attaching, detaching, extending, deleting), so the log shows the same sequence of
 * status changes a real Cinder would, one record per change. `transition` is pure; an absent cell is
 * WRONG_STATE and changes nothing.
 *
 * Choices, following Cinder's API guards: attach from available, or from in-use only for a
 * multiattach volume (the service checks the flag; INV-G4); detach from in-use only; extend from
 * available only (Cinder's offline extend; online extend needs microversion 3.42); delete from
 * available or error only, never in-use (INV-G4). `*.fail` edges end in error (or back in the
 * attached status for a failed detach), for fault injection.
 */
export const VOLUME_STATUSES = ["creating", "available", "attaching", "in-use", "detaching", "extending", "deleting", "error", "deleted"] as const;
export type VolumeStatus = (typeof VOLUME_STATUSES)[number];

export const VOLUME_OPS = [
  "create.complete",
  "create.fail",
  "attach",
  "attach.complete",
  "attach.fail",
  "detach",
  "detach.complete",
  "detach.partial",
  "detach.fail",
  "extend",
  "extend.complete",
  "extend.fail",
  "delete",
  "delete.complete",
] as const;
export type VolumeOp = (typeof VOLUME_OPS)[number];

/** status → op → next status. Every cell not listed is WRONG_STATE. */
export const VOLUME_TRANSITIONS: Readonly<Record<VolumeStatus, Partial<Record<VolumeOp, VolumeStatus>>>> = {
  creating: { "create.complete": "available", "create.fail": "error" },
  available: { attach: "attaching", extend: "extending", delete: "deleting" },
  attaching: { "attach.complete": "in-use", "attach.fail": "error" },
  "in-use": { attach: "attaching", detach: "detaching" },
  // detach.partial: another attachment of a multiattach volume remains.
  detaching: { "detach.complete": "available", "detach.partial": "in-use", "detach.fail": "in-use" },
  extending: { "extend.complete": "available", "extend.fail": "error" },
  deleting: { "delete.complete": "deleted" },
  error: { delete: "deleting" },
  deleted: {},
};

/** The status `op` leads to from `status`, or undefined when Cinder refuses it there. */
export function volumeTransition(status: VolumeStatus, op: VolumeOp): VolumeStatus | undefined {
  return VOLUME_TRANSITIONS[status][op];
}

/** Snapshot statuses (Cinder): creating → available → deleting → deleted. */
export type SnapshotStatus = "creating" | "available" | "deleting" | "deleted";
