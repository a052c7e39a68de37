/**
 * `windows:` (and `faults.windows: true`) → WindowSpec[]: named spans of the run that summary.json
 * reports on their own. A written window must end after it starts, at most at the horizon and after
 * a timed warm-up (else nothing in it is measured). Automatic windows: maintenance-<n> from the
 * window's start to its end, storm-<n> from the storm's time to its last repair (drawn by the run,
 * so its end is known only when the run starts); n is the entry's index in its list, from 0.
 */
import { formatDurationMs } from "../../kernel/index.js";
import type { Faults } from "../schema/faults.js";
import { WINDOW_NAME, type Windows } from "../schema/windows.js";
import { MAX_NAME_LENGTH } from "../schema/limits.js";
import { ms } from "./distribution.js";

type Path = Array<string | number>;
type Report = (path: Path, message: string) => void;

export type WindowSource = "scenario" | "storm" | "maintenance";

export interface WindowSpec {
  readonly name: string;
  /** Written in `windows:`, or derived from a storm or maintenance window of `faults:`. */
  readonly source: WindowSource;
  readonly fromMs: number;
  /** Excluded. Undefined for a storm's window: the run draws its repairs. */
  readonly toMs: number | undefined;
  /** The storm's index in faults.storms (source "storm"). */
  readonly storm?: number;
}

/** The automatic windows of `faults:` (empty unless `faults.windows: true`). */
function faultWindows(f: Faults | undefined, report: Report): WindowSpec[] {
  if (f?.windows !== true) return [];
  const maintenance = (f.maintenance ?? []).map((w, i): WindowSpec => ({ name: `maintenance-${i}`, source: "maintenance", fromMs: ms(w.at), toMs: ms(w.at) + ms(w.duration) }));
  const storms = (f.storms ?? []).map((s, i): WindowSpec => ({ name: `storm-${i}`, source: "storm", fromMs: ms(s.at), toMs: undefined, storm: i }));
  if (maintenance.length + storms.length === 0) {
    report(["faults", "windows"], "windows: true gives a window per storm and per maintenance window, and this section has neither (failure processes recur at random times: name a window under windows: instead)");
  }
  return [...maintenance, ...storms];
}

/** Every window of the scenario, sorted by name; problems reported at their fields. */
export function resolveWindows(windows: Windows | undefined, faults: Faults | undefined, horizonMs: number | undefined, warmupMs: number, report: Report): WindowSpec[] {
  const automatic = faultWindows(faults, report);
  const auto = new Map(automatic.map((w) => [w.name, w]));
  const written = Object.entries(windows ?? {}).map(([name, w]): WindowSpec => {
    const base: Path = ["windows", name];
    if (!WINDOW_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
      report(base, `expected a window name (letters, digits, '_', '-', ':'; no '.', at most ${MAX_NAME_LENGTH} characters), got ${JSON.stringify(name)}: expectations name a window as windows.<name>.…`);
    }
    const fromMs = ms(w.from);
    const toMs = ms(w.to);
    if (toMs <= fromMs) report([...base, "to"], `a window ends after it starts: to (${w.to}) must be after from (${w.from})`);
    else if (horizonMs !== undefined && toMs > horizonMs) report([...base, "to"], `the window ends after the run: to (${w.to}) must be at most stop.horizon (${formatDurationMs(horizonMs)})`);
    else if (toMs <= warmupMs) report(base, `the window ends before the warm-up does (warmup.duration ${formatDurationMs(warmupMs)}): nothing in it is measured`);
    const clash = auto.get(name);
    if (clash !== undefined) report(base, `"${name}" names the automatic window of faults.${clash.source === "storm" ? "storms" : "maintenance"}.${name.slice(name.indexOf("-") + 1)} (faults.windows: true); choose another name`);
    return { name, source: "scenario", fromMs, toMs };
  });
  return [...written, ...automatic].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
