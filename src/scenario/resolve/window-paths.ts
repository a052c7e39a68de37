/** The metrics of summary.json's `windows` section an expectation or a sweep may name (issue 16, item 7). */
import { ACC_TYPES, RESOURCE_CLASSES } from "../../domain/index.js";

export const WINDOW_FIELDS = ["fromMs", "toMs", "measuredFromMs", "measuredToMs"];
export const WINDOW_REQUEST_FIELDS = ["measured", "placed", "rejected", "rejectionRate"];
export const WINDOW_SERVER_FIELDS = ["requested", "placed", "rejected", "rejectionRate"];
export const WINDOW_UTILISATION_FIELDS = ["meanCapacity", "meanUsed", "peakUsed", "meanUtilisation", "peakUtilisation"];
export const WINDOW_ACCELERATOR_FIELDS = ["handles", "meanBound", "peakBound", "meanUtilisation", "peakUtilisation"];
export const WINDOW_AVAILABILITY_FIELDS = ["hostAvailability", "meanShareDown", "peakHostsDown"];

const HINT =
  `window metrics: windows.<name>.requests.<${WINDOW_REQUEST_FIELDS.join("|")}>, windows.<name>.servers.<${WINDOW_SERVER_FIELDS.join("|")}>, ` +
  `windows.<name>.utilisation.<class>.<${WINDOW_UTILISATION_FIELDS.join("|")}>, ` +
  `windows.<name>.accelerators.<type>.<${WINDOW_ACCELERATOR_FIELDS.join("|")}>, ` +
  `windows.<name>.availability.<${WINDOW_AVAILABILITY_FIELDS.join("|")}>, windows.<name>.availability.tenants.<tenant>.<availability|downtimeMs|exposureMs>, ` +
  `windows.<name>.<${WINDOW_FIELDS.join("|")}>`;

/** Why `parts` (a path starting with "windows") is not a window metric of a scenario with `names`, or undefined. */
export function windowPathProblem(path: string, parts: ReadonlyArray<string>, names: ReadonlyArray<string>): string | undefined {
  const [, name, section, a, b] = parts;
  if (name === undefined || !names.includes(name)) {
    const known = names.length === 0 ? "the scenario has none (give windows: or faults.windows: true)" : `windows: ${names.join(", ")}`;
    return `unknown window "${name ?? ""}" in metric "${path}"; ${known}`;
  }
  const oneOf = (x: string | undefined, list: ReadonlyArray<string>) => x !== undefined && list.includes(x);
  const ok =
    (parts.length === 3 && oneOf(section, WINDOW_FIELDS)) ||
    (parts.length === 4 && section === "requests" && oneOf(a, WINDOW_REQUEST_FIELDS)) ||
    (parts.length === 4 && section === "servers" && oneOf(a, WINDOW_SERVER_FIELDS)) ||
    (parts.length === 5 && section === "utilisation" && oneOf(a, RESOURCE_CLASSES) && oneOf(b, WINDOW_UTILISATION_FIELDS)) ||
    (parts.length === 5 && section === "accelerators" && oneOf(a, ACC_TYPES) && oneOf(b, WINDOW_ACCELERATOR_FIELDS)) ||
    (parts.length === 4 && section === "availability" && oneOf(a, WINDOW_AVAILABILITY_FIELDS)) ||
    (parts.length === 6 && section === "availability" && a === "tenants" && oneOf(parts[5], ["availability", "downtimeMs", "exposureMs"]));
  return ok ? undefined : `unknown metric "${path}"; ${HINT} (classes: ${RESOURCE_CLASSES.join(", ")}; accelerator types: ${ACC_TYPES.join(", ")})`;
}
