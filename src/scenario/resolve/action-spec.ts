/**
 * An action on a server in the IFA vocabulary (operate/scale/migrate/...) mapped to the VIM's
 * operation, with its parameters checked (shared by scripted actions, streams and operateServer calls).
 */
import type { UserOp } from "../../vim/index.js";
import type { ActionFieldValues as ActionFields } from "../schema/operations-fields.js";
import type { ResolvedModel } from "./resolved-model.js";
import { didYouMean } from "../../domain/index.js";

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

const OPERATE: Readonly<Record<string, UserOp>> = {
  START: "start",
  STOP: "stop",
  PAUSE: "pause",
  UNPAUSE: "unpause",
  SUSPEND: "suspend",
  RESUME: "resume",
  CREATE_SNAPSHOT: "snapshot.create",
};


/** The VIM operation of one action, with its parameters checked. */
export function actionSpec(a: ActionFields, model: ResolvedModel, base: Path, report: Report): ActionSpec {
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
      else if (!model.flavours.has(a.flavour)) report([...base, "flavour"], `unknown flavour "${a.flavour}"; ${didYouMean(a.flavour, [...model.flavours.keys()].sort())}defined flavours: ${[...model.flavours.keys()].sort().join(", ")}`);
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

