/**
 * Named time windows (issue 16, item 7): spans of the run whose requests, utilisation and
 * availability summary.json reports on their own, so an outage's effect is not diluted over the
 * whole run. Data only; resolve/windows.ts checks them against the horizon and the warm-up.
 */
import { Schema } from "effect";
import { Duration } from "./common.js";

/**
 * A window's name: an identifier without '.', so that an expectation's dotted path can name it. The
 * decoder reports a key that fails a Record's key schema as an unknown field, so the rule is checked
 * in resolve/windows.ts (WINDOW_NAME) with its own message; the key schema only documents it.
 */
export const WINDOW_NAME = /^[A-Za-z0-9][A-Za-z0-9_:-]*$/;
export const WindowName = Schema.String.annotate({ description: "window name: letters, digits, '_', '-', ':' (no '.': expectations name it as windows.<name>.…)" });

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
