/** `arrivals:` → ArrivalSpec (rates per ms), with the step order and factor counts checked. */
import type { Arrivals } from "../schema/arrivals.js";
import { ms, perMs } from "./distribution.js";
import type { ArrivalSpec } from "./run-spec.js";

type Report = (path: Array<string | number>, message: string) => void;

/** The arrivals resolved; problems reported at their fields under `path`. */
export function resolveArrivals(a: typeof Arrivals.Type, path: Array<string | number>, report: Report): ArrivalSpec {
  switch (a.kind) {
    case "poisson":
      return { kind: "poisson", ratePerMs: perMs(a.rate) };
    case "schedule": {
      const steps = a.steps.map((s) => ({ fromMs: ms(s.from), ratePerMs: perMs(s.rate) }));
      steps.forEach((s, i) => {
        if (i > 0 && s.fromMs <= steps[i - 1]!.fromMs) report([...path, "steps", i, "from"], "steps must be in increasing time order");
      });
      if (steps[0]!.fromMs !== 0) report([...path, "steps", 0, "from"], "the first step must start at 0s");
      return { kind: "schedule", steps };
    }
    case "daily":
      if (a.hourly.length !== 24) report([...path, "hourly"], `expected 24 hourly factors, got ${a.hourly.length}`);
      if (a.weekly !== undefined && a.weekly.length !== 7) report([...path, "weekly"], `expected 7 day-of-week factors, got ${a.weekly.length}`);
      return { kind: "daily", ratePerMs: perMs(a.rate), hourly: a.hourly, weekly: a.weekly };
  }
}
