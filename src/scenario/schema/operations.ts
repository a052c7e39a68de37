/**
 * The `operations:` section of a scenario: what the VIM's consumers do to live servers besides
 * creating and deleting them (IFA Operate, Scale, Migrate, Terminate), scripted at times (`actions`)
 * or generated as Poisson streams (`streams`), and how long each operation's task takes (`durations`).
 * Actions use the IFA vocabulary: `do: operate` with `operation: SUSPEND`, `do: scale` with a
 * flavour, `do: migrate` with `migrationType: LIVE_MIGRATION`.
 */
import { Schema } from "effect";
import { Call } from "./calls.js";
import { Duration, DurationOrDistribution, Id, PositiveInt, Rate } from "./common.js";
import { ActionFields } from "./operations-fields.js";

export { ACTION_KINDS, COMPUTE_OPERATIONS } from "./operations-fields.js";

/**
 * One scripted action at a simulated time on one server: by `computeId` (vm-12: servers are numbered
 * in creation order) or by `computeName` (the name a timed request gave it; the newest live one).
 */
export const ScriptedAction = Schema.Struct({
  at: Duration,
  computeId: Schema.optionalKey(Schema.String),
  computeName: Schema.optionalKey(Schema.String),
  ...ActionFields,
});
export type ScriptedAction = typeof ScriptedAction.Type;

/** Random actions: Poisson at `rate`, each on a server drawn among those (of `tenant`) it is legal for. */
export const ActionStream = Schema.Struct({
  id: Schema.optionalKey(Id),
  rate: Rate,
  tenant: Schema.optionalKey(Id),
  /** Stop after this many actions. */
  maxActions: Schema.optionalKey(PositiveInt),
  /** Active only in [from, until) of simulated time (a storm, a maintenance night). */
  from: Schema.optionalKey(Duration),
  until: Schema.optionalKey(Duration),
  ...ActionFields,
});
export type ActionStream = typeof ActionStream.Type;

export const Operations = Schema.Struct({
  /** Task duration per operation (start, stop, pause, unpause, suspend, resume, reboot.soft, reboot.hard, snapshot.create, resize, resize.confirm, resize.revert, migrate.live, migrate.offline). */
  durations: Schema.optionalKey(Schema.Record(Schema.String, DurationOrDistribution)),
  actions: Schema.optionalKey(Schema.Array(ScriptedAction)),
  streams: Schema.optionalKey(Schema.Array(ActionStream)),
  /** Tenant users calling the VIM's API (networks, subnets, ports, volumes, servers) at set times. */
  calls: Schema.optionalKey(Schema.Array(Call)),
});
export type Operations = typeof Operations.Type;
