/**
 * The `operations:` section resolved: IFA actions mapped to the VIM's operations, task durations as
 * kernel distributions (defaults: typical OpenStack figures), and references checked with positions.
 */
import type { DistributionSpec } from "../../kernel/index.js";
import { USER_OPS, type UserOp } from "../../vim/index.js";
import type { Call } from "../schema/calls.js";
import type { ActionStream, Operations, ScriptedAction } from "../schema/operations.js";
import { ms, perMs, toDistributionSpec } from "./distribution.js";
import type { ResolvedModel } from "./resolved-model.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

/** What an action does to a server: one VIM operation, or terminate. */
export type ActionOp = UserOp | "terminate";

export interface ActionSpec {
  readonly op: ActionOp;
  /** The new flavour of a scale. */
  readonly flavour: string | undefined;
  /** Confirm a scale at once (IFA Scale); false keeps VERIFY_RESIZE for a later confirm or revert. */
  readonly autoConfirm: boolean;
}

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

/** A tenant user's API call at a time (see schema/calls.ts); checked against the model. */
export type CallSpec = Call & { readonly atMs: number };

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

const OPERATE: Readonly<Record<string, UserOp>> = {
  START: "start",
  STOP: "stop",
  PAUSE: "pause",
  UNPAUSE: "unpause",
  SUSPEND: "suspend",
  RESUME: "resume",
  CREATE_SNAPSHOT: "snapshot.create",
};

type ActionFields = Pick<ScriptedAction, "do" | "operation" | "stopType" | "flavour" | "confirm" | "migrationType">;

/** The VIM operation of one action, with its parameters checked. */
function actionSpec(a: ActionFields, model: ResolvedModel, base: Path, report: Report): ActionSpec {
  const misplaced = (field: keyof ActionFields, allowed: boolean): void => {
    if (!allowed && a[field] !== undefined) report([...base, field], `${field} does not apply to do: ${a.do}`);
  };
  misplaced("operation", a.do === "operate");
  misplaced("stopType", a.do === "operate" && a.operation === "REBOOT");
  misplaced("flavour", a.do === "scale");
  misplaced("confirm", a.do === "scale");
  misplaced("migrationType", a.do === "migrate");
  const spec = (op: ActionOp): ActionSpec => ({ op, flavour: a.flavour, autoConfirm: a.confirm !== "manual" });
  switch (a.do) {
    case "operate":
      if (a.operation === undefined) report([...base, "operation"], "do: operate needs an operation (START, STOP, PAUSE, UNPAUSE, SUSPEND, RESUME, REBOOT, CREATE_SNAPSHOT)");
      if (a.operation === "REBOOT") return spec(a.stopType === "FORCEFUL" ? "reboot.hard" : "reboot.soft");
      return spec(OPERATE[a.operation ?? "START"] ?? "start");
    case "scale":
      if (a.flavour === undefined) report([...base, "flavour"], "do: scale needs the new flavour");
      else if (!model.flavours.has(a.flavour)) report([...base, "flavour"], `unknown flavour "${a.flavour}"; defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
      return spec("resize");
    case "migrate":
      if (a.migrationType === undefined) report([...base, "migrationType"], "do: migrate needs migrationType: LIVE_MIGRATION or OFFLINE_MIGRATION");
      return spec(a.migrationType === "OFFLINE_MIGRATION" ? "migrate.offline" : "migrate.live");
    case "confirmResize":
      return spec("resize.confirm");
    case "revertResize":
      return spec("resize.revert");
    case "terminate":
      return spec("terminate");
  }
}

function scripted(a: ScriptedAction, i: number, model: ResolvedModel, report: Report): ScriptedActionSpec {
  const base: Path = ["operations", "actions", i];
  if ((a.computeId === undefined) === (a.computeName === undefined)) report(base, "name the server by computeId (vm-12) or by computeName, not both");
  if (a.computeId !== undefined && !/^vm-[1-9][0-9]*$/.test(a.computeId)) report([...base, "computeId"], `"${a.computeId}" is not a compute id; servers are named vm-1, vm-2, ... in creation order`);
  return { ...actionSpec(a, model, base, report), atMs: ms(a.at), computeId: a.computeId, computeName: a.computeName };
}

function stream(s: ActionStream, i: number, model: ResolvedModel, hasHorizon: boolean, report: Report): ActionStreamSpec {
  const base: Path = ["operations", "streams", i];
  if (s.tenant !== undefined && !model.tenants.has(s.tenant)) report([...base, "tenant"], `unknown tenant "${s.tenant}"; defined tenants: ${[...model.tenants.keys()].sort().join(", ")}`);
  if (!hasHorizon && s.maxActions === undefined && s.until === undefined) report(base, "an action stream needs stop.horizon, until or maxActions, or the run would never end");
  const fromMs = s.from === undefined ? 0 : ms(s.from);
  const untilMs = s.until === undefined ? Number.POSITIVE_INFINITY : ms(s.until);
  if (untilMs <= fromMs) report([...base, "until"], "until must be after from");
  return { ...actionSpec(s, model, base, report), id: s.id ?? `ops${i + 1}`, ratePerMs: perMs(s.rate), tenant: s.tenant, maxActions: s.maxActions, fromMs, untilMs };
}

/** The resolved section (defaults when absent). */
export function resolveOperations(o: Operations | undefined, model: ResolvedModel, hasHorizon: boolean, report: Report): OperationsSpec {
  const durations = Object.fromEntries(USER_OPS.map((op) => [op, { kind: "constant", value: DEFAULT_OPERATION_MS[op] } as DistributionSpec])) as Record<UserOp, DistributionSpec>;
  for (const [op, d] of Object.entries(o?.durations ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!(USER_OPS as readonly string[]).includes(op)) report(["operations", "durations", op], `unknown operation "${op}"; operations: ${USER_OPS.join(", ")}`);
    else durations[op as UserOp] = toDistributionSpec(d);
  }
  const actions = (o?.actions ?? []).map((a, i) => scripted(a, i, model, report));
  const streams = (o?.streams ?? []).map((s, i) => stream(s, i, model, hasHorizon, report));
  const ids = streams.map((s) => s.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) report(["operations", "streams", i, "id"], `stream id "${id}" is used twice`);
  });
  const calls = (o?.calls ?? []).map((c, i) => resolveCall(c, i, model, report));
  return { durations, actions: [...actions].sort((a, b) => a.atMs - b.atMs), streams, calls: [...calls].sort((a, b) => a.atMs - b.atMs) };
}

function resolveCall(c: Call, i: number, model: ResolvedModel, report: Report): CallSpec {
  const base: Path = ["operations", "calls", i];
  const users = [...model.tenants.values()].flatMap((t) => t.users.map((u) => u.id));
  if (!users.includes(c.as)) report([...base, "as"], `unknown user "${c.as}"; users of the model's tenants: ${[...users].sort().join(", ") || "none"}`);
  if (c.call === "createServer" && !model.flavours.has(c.flavour)) report([...base, "flavour"], `unknown flavour "${c.flavour}"; defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
  const zone = c.call === "createServer" || c.call === "createVolume" ? c.zone : undefined;
  if (zone !== undefined && !model.zones.some((z) => z.id === zone)) report([...base, "zone"], `unknown zone "${zone}"; defined zones: ${model.zones.map((z) => z.id).sort().join(", ")}`);
  if ((c.call === "createNetwork" || c.call === "createVolume" || c.call === "attachVolume" || c.call === "createImage") && c.name === undefined) report([...base, "name"], `${c.call} needs a name (later calls refer to it)`);
  return { ...c, atMs: ms(c.at) };
}
