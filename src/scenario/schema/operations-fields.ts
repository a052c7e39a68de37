/**
 * What an action does to a server, in the IFA vocabulary: `do: operate` with `operation: SUSPEND`,
 * `do: scale` with a flavour, `do: migrate` with `migrationType`. Shared by scripted actions, action
 * streams and the `operateServer` call.
 */
import { Schema } from "effect";
import { Id, field, optional } from "./common.js";

export const COMPUTE_OPERATIONS = ["START", "STOP", "PAUSE", "UNPAUSE", "SUSPEND", "RESUME", "REBOOT", "CREATE_SNAPSHOT"] as const;
export const ACTION_KINDS = ["operate", "scale", "migrate", "confirmResize", "revertResize", "terminate"] as const;

/** What to do: the IFA operation and its parameters (shared by scripted actions and streams). */
export const ActionFields = {
  do: field(Schema.Literals(ACTION_KINDS), "what to do: operate, scale (resize), migrate, confirmResize, revertResize or terminate"),
  operation: optional(Schema.Literals(COMPUTE_OPERATIONS), "for do: operate"),
  stopType: optional(Schema.Literals(["GRACEFUL", "FORCEFUL"]), "for REBOOT: GRACEFUL (soft) or FORCEFUL (hard); GRACEFUL by default"),
  flavour: optional(Id, "for do: scale: the new flavour"),
  confirm: optional(Schema.Literals(["auto", "manual"]), "for do: scale: keep VERIFY_RESIZE until a confirmResize or revertResize (default: confirm at once, as IFA Scale)"),
  migrationType: optional(Schema.Literals(["LIVE_MIGRATION", "OFFLINE_MIGRATION"]), "for do: migrate"),
};


/** The decoded action fields. */
export type ActionFieldValues = Schema.Struct<typeof ActionFields>["Type"];
