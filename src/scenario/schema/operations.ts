/**
 * The `operations:` section of a scenario: what the VIM's consumers do to live servers besides
 * creating and deleting them (IFA Operate, Scale, Migrate, Terminate), scripted at times (`actions`)
 * or generated as Poisson streams (`streams`), and how long each operation's task takes (`durations`).
 * Actions use the IFA vocabulary: `do: operate` with `operation: SUSPEND`, `do: scale` with a
 * flavour, `do: migrate` with `migrationType: LIVE_MIGRATION`.
 */
import { Schema } from "effect";
import { Call } from "./calls.js";
import { Duration, DurationOrDistribution, Id, PositiveInt, Rate, field, optional } from "./common.js";
import { ActionFields } from "./operations-fields.js";

export { ACTION_KINDS, COMPUTE_OPERATIONS } from "./operations-fields.js";

/**
 * One scripted action at a simulated time on one server: by `computeId` (vm-12: servers are numbered
 * in creation order) or by `computeName` (the name a timed request gave it; the newest live one).
 */
export const ScriptedAction = Schema.Struct({
  at: field(Duration, "simulated time of the action"),
  computeId: optional(Schema.String, "the server by id: vm-<n>, numbered in creation order"),
  computeName: optional(Schema.String, "the server by the name a timed request or call gave it (the newest live one)"),
  ...ActionFields,
});
export type ScriptedAction = typeof ScriptedAction.Type;

/** Random actions: Poisson at `rate`, each on a server drawn among those (of `tenant`) it is legal for. */
export const ActionStream = Schema.Struct({
  id: optional(Id, "stream id, naming its random stream"),
  rate: field(Rate, "mean actions per unit of time (Poisson)"),
  tenant: optional(Id, "only servers of this tenant"),
  maxActions: optional(PositiveInt, "stop after this many actions"),
  from: optional(Duration, "active only in [from, until) of simulated time (a storm, a maintenance night)"),
  until: optional(Duration, "end of the active interval [from, until)"),
  ...ActionFields,
});
export type ActionStream = typeof ActionStream.Type;

export const Operations = Schema.Struct({
  durations: optional(Schema.Record(Schema.String, DurationOrDistribution), "task duration per operation (start, stop, pause, unpause, suspend, resume, reboot.soft, reboot.hard, snapshot.create, resize, resize.confirm, resize.revert, migrate.live, migrate.offline)"),
  actions: optional(Schema.Array(ScriptedAction), "scripted actions at set times on named servers"),
  streams: optional(Schema.Array(ActionStream), "random actions, Poisson, each on a server the action is legal for"),
  calls: optional(Schema.Array(Call), "tenant users calling the VIM's API (networks, subnets, ports, volumes, servers) at set times"),
});
export type Operations = typeof Operations.Type;
