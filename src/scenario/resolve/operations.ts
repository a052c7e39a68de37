/**
 * The `operations:` section resolved: IFA actions mapped to the VIM's operations, task durations as
 * kernel distributions (defaults: typical OpenStack figures), and references checked with positions.
 */
import type { DistributionSpec } from "../../kernel/index.js";
import { USER_OPS, type UserOp } from "../../vim/index.js";
import type { ActionStream, Operations, ScriptedAction } from "../schema/operations.js";
import { actionSpec, type ActionSpec } from "./action-spec.js";
import { resolveCalls, type CallSpec } from "./calls.js";

export type { ActionOp, ActionSpec } from "./action-spec.js";
export type { CallSpec } from "./calls.js";
import { ms, perMs, toDistributionSpec } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";
import { didYouMean } from "../../domain/index.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

export interface ScriptedActionSpec extends ActionSpec {
  readonly atMs: number;
  /** Exactly one of the two is set. */
  readonly computeId: string | undefined;
  readonly computeName: string | undefined;
}

export interface ActionStreamSpec extends ActionSpec {
  readonly id: string;
  readonly ratePerMs: number;
  readonly tenant: string | undefined;
  readonly maxActions: number | undefined;
  readonly fromMs: number;
  /** Infinity when open-ended. */
  readonly untilMs: number;
}


export interface OperationsSpec {
  readonly durations: Readonly<Record<UserOp, DistributionSpec>>;
  readonly actions: ReadonlyArray<ScriptedActionSpec>;
  readonly streams: ReadonlyArray<ActionStreamSpec>;
  /** In time order (file order among equal times). */
  readonly calls: ReadonlyArray<CallSpec>;
}

/** Task durations when the scenario gives none (ms): of the order OpenStack takes on a quiet cloud. */
export const DEFAULT_OPERATION_MS: Readonly<Record<UserOp, number>> = {
  start: 5_000,
  stop: 10_000,
  pause: 1_000,
  unpause: 1_000,
  suspend: 10_000,
  resume: 10_000,
  "reboot.soft": 60_000,
  "reboot.hard": 30_000,
  "snapshot.create": 60_000,
  resize: 60_000,
  "resize.confirm": 5_000,
  "resize.revert": 30_000,
  "migrate.live": 30_000,
  "migrate.offline": 60_000,
};

function scripted(a: ScriptedAction, i: number, model: ResolvedModel, report: Report): ScriptedActionSpec {
  const base: Path = ["operations", "actions", i];
  if ((a.computeId === undefined) === (a.computeName === undefined)) report(base, "name the server by computeId (vm-12) or by computeName, not both");
  if (a.computeId !== undefined && !/^vm-[1-9][0-9]*$/.test(a.computeId)) report([...base, "computeId"], `"${a.computeId}" is not a compute id; servers are named vm-1, vm-2, ... in creation order`);
  return { ...actionSpec(a, model, base, report), atMs: ms(a.at), computeId: a.computeId, computeName: a.computeName };
}

function stream(s: ActionStream, i: number, model: ResolvedModel, hasHorizon: boolean, report: Report): ActionStreamSpec {
  const base: Path = ["operations", "streams", i];
  if (s.tenant !== undefined && !model.tenants.has(s.tenant)) report([...base, "tenant"], `unknown tenant "${s.tenant}"; ${didYouMean(s.tenant, [...model.tenants.keys()].sort())}defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
  if (!hasHorizon && s.maxActions === undefined && s.until === undefined) report(base, "an action stream needs stop.horizon, until or maxActions, or the run would never end");
  const fromMs = s.from === undefined ? 0 : ms(s.from);
  const untilMs = s.until === undefined ? Number.POSITIVE_INFINITY : ms(s.until);
  if (untilMs <= fromMs) report([...base, "until"], "until must be after from");
  return { ...actionSpec(s, model, base, report), id: s.id ?? `ops${i + 1}`, ratePerMs: perMs(s.rate), tenant: s.tenant, maxActions: s.maxActions, fromMs, untilMs };
}

/** The resolved section (defaults when absent). */
/** `serverNames`: the names timed requests give their servers (calls may refer to them). */
export function resolveOperations(o: Operations | undefined, model: ResolvedModel, hasHorizon: boolean, report: Report, serverNames: readonly string[] = []): OperationsSpec {
  const durations = Object.fromEntries(USER_OPS.map((op) => [op, { kind: "constant", value: DEFAULT_OPERATION_MS[op] } as DistributionSpec])) as Record<UserOp, DistributionSpec>;
  for (const [op, d] of Object.entries(o?.durations ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!(USER_OPS as readonly string[]).includes(op)) report(["operations", "durations", op], `unknown operation "${op}"; ${didYouMean(op, USER_OPS)}operations: ${USER_OPS.join(", ")}`);
    else durations[op as UserOp] = toDistributionSpec(d);
  }
  const actions = (o?.actions ?? []).map((a, i) => scripted(a, i, model, report));
  const streams = (o?.streams ?? []).map((s, i) => stream(s, i, model, hasHorizon, report));
  const ids = streams.map((s) => s.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) report(["operations", "streams", i, "id"], `stream id "${id}" is used twice`);
  });
  const calls = resolveCalls(o?.calls ?? [], model, serverNames, report);
  return { durations, actions: [...actions].sort((a, b) => a.atMs - b.atMs), streams, calls };
}
