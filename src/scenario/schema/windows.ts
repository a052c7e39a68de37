/**
 * Named time windows (issue 16, item 7): spans of the run whose requests, utilisation and
 * availability summary.json reports on their own, so an outage's effect is not diluted over the
 * whole run. Data only; resolve/windows.ts checks them against the horizon and the warm-up.
 */
import { Schema } from "effect";
import { Duration } from "./common.js";
import { MAX_NAME_LENGTH } from "./limits.js";

/** A window's name: an identifier without '.', so that an expectation's dotted path can name it. */
export const WindowName = Schema.String.check(
  Schema.makeFilter(
    (s: string) =>
      /^[A-Za-z0-9][A-Za-z0-9_:-]*$/.test(s) && s.length <= MAX_NAME_LENGTH
        ? undefined
        : `expected a window name (letters, digits, '_', '-', ':'; no '.', at most ${MAX_NAME_LENGTH} characters), got ${JSON.stringify(s)}`,
    { toJsonSchema: () => ({ pattern: "^[A-Za-z0-9][A-Za-z0-9_:-]*$", maxLength: MAX_NAME_LENGTH }) },
  ),
).annotate({ description: "window name: letters, digits, '_', '-', ':' (no '.': expectations name it as windows.<name>.…)" });

/** One window: from `from` (included) to `to` (excluded), in simulated time since the start. */
export const TimeWindow = Schema.Struct({
  from: Duration.annotate({ description: "start of the window (included), simulated time since the start: 36h" }),
  to: Duration.annotate({ description: "end of the window (excluded), after from and at most stop.horizon: 40h" }),
}).annotate({ description: "a span of the run reported on its own in summary.json's windows section" });

/** `windows:` name → window. */
export const Windows = Schema.Record(WindowName, TimeWindow).annotate({
  description: "named time windows: summary.json reports requests, utilisation and availability within each (windows.<name>.…)",
});
export type Windows = typeof Windows.Type;
