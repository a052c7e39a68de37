/**
 * What an action does to a server, in the IFA vocabulary: `do: operate` with `operation: SUSPEND`,
 * `do: scale` with a flavour, `do: migrate` with `migrationType`. Shared by scripted actions, action
 * streams and the `operateServer` call.
 */
import { Schema } from "effect";
import { Id } from "./common.js";

export const COMPUTE_OPERATIONS = ["START", "STOP", "PAUSE", "UNPAUSE", "SUSPEND", "RESUME", "REBOOT", "CREATE_SNAPSHOT"] as const;
export const ACTION_KINDS = ["operate", "scale", "migrate", "confirmResize", "revertResize", "terminate"] as const;

/** What to do: the IFA operation and its parameters (shared by scripted actions and streams). */
export const ActionFields = {
  do: Schema.Literals(ACTION_KINDS),
  /** For `do: operate`. */
  operation: Schema.optionalKey(Schema.Literals(COMPUTE_OPERATIONS)),
  /** For REBOOT: GRACEFUL (soft) or FORCEFUL (hard); GRACEFUL by default. */
  stopType: Schema.optionalKey(Schema.Literals(["GRACEFUL", "FORCEFUL"])),
  /** For `do: scale`: the new flavour. */
  flavour: Schema.optionalKey(Id),
  /** For `do: scale`: keep VERIFY_RESIZE until a `confirmResize` or `revertResize` (default: confirm at once, as IFA Scale). */
  confirm: Schema.optionalKey(Schema.Literals(["auto", "manual"])),
  /** For `do: migrate`. */
  migrationType: Schema.optionalKey(Schema.Literals(["LIVE_MIGRATION", "OFFLINE_MIGRATION"])),
};


/** The decoded action fields. */
export type ActionFieldValues = Schema.Struct<typeof ActionFields>["Type"];
