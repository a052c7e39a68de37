/**
 * The metrics an expectation may name: dotted paths into summary.json. Checked when the scenario is
 * loaded, so a typo fails before the run (exit 2), not after it.
 */
import { RESOURCE_CLASSES } from "../../domain/index.js";
import { ACCELERATOR_METRICS_HINT, isAcceleratorMetric } from "./acc-metric-paths.js";
import { USER_OPS } from "../../vim/index.js";
import { CALL_KINDS } from "../schema/calls.js";
import { isAvailabilityPath, isPerformancePath, rackDomainIds } from "./availability-paths.js";
import { windowPathProblem } from "./window-paths.js";
import { CLUSTER_PATHS_HINT, isClusterPath } from "./cluster-paths.js";

const REQUEST_FIELDS = ["total", "measured", "placed", "rejected", "rejectionRate", "arrivals"];
const SERVER_FIELDS = ["requested", "placed", "rejected", "rejectionRate", "created", "terminated", "aliveAtEnd", "peakAlive", "meanAlive"];
const BOOT_FIELDS = ["count", "mean", "min", "max", "p50", "p95", "p99"];
const UTILISATION_FIELDS = ["capacity", "meanUsed", "peakUsed", "meanUtilisation", "peakUtilisation"];
const FRAGMENTATION_FIELDS = ["meanStrandedShareOfFree", "lastStranded"];
const RUN_FIELDS = ["simulatedTimeMs", "events", "logRecords"];
/** Operation keys of summary.json: the VIM's names with "-" for "." (migrate-live), so paths stay dotted. */
const OPERATION_NAMES = [...USER_OPS, "terminate", "evacuate", ...CALL_KINDS].map((op) => op.replaceAll(".", "-"));
const ACTION_OUTCOMES = ["accepted", "WRONG_STATE", "NO_VALID_HOST", "QUOTA_EXCEEDED", "NOT_FOUND", "noEligibleServer", "FORBIDDEN", "EXHAUSTED", "CONFLICT", "MALFORMED", "INVALID_ARGUMENT"];
const TASK_PHASES = ["started", "completed", "failed"];
/** reservations.counts.<field> (scenarios with reservations). */
const RESERVATION_COUNTS = ["admitted", "serversBound", "expired", "ended", "terminated", "reclaimedDeleted", "reclaimedKept", "beforeEndWarnings", "holdShortfalls"];
/** storageReservations.counts.<field> (scenarios with storage reservations). */
const STORAGE_RESERVATION_COUNTS = ["admitted", "volumesBound", "expired", "ended", "terminated", "reclaimedDeleted", "reclaimedKept", "beforeEndWarnings"];
/** networkReservations.counts.<field> (scenarios with network reservations). */
const NETWORK_RESERVATION_COUNTS = ["admitted", "publicIpsBound", "portsBound", "segmentsBound", "expired", "ended", "terminated", "reclaimedDeleted", "reclaimedKept", "beforeEndWarnings"];

/** The names a metric path may use: the model's zones and racks ("zone/rack"), the scenario's time windows and clusters. */
export interface MetricScope {
  readonly zones: ReadonlyArray<string>;
  readonly racks?: ReadonlyArray<string>;
  readonly windows?: ReadonlyArray<string>;
  readonly clusters?: ReadonlyArray<string>;
}

/** The scope of a scenario's metrics, built once for its expectations, precision and sweep. */
export function metricScope(model: { readonly zones: ReadonlyArray<{ readonly id: string; readonly racks: ReadonlyArray<string> }> }, windows: ReadonlyArray<string>, clusters: ReadonlyArray<string>): MetricScope {
  return { zones: model.zones.map((z) => z.id), racks: rackDomainIds(model.zones), windows, clusters };
}

/** Why `path` is not a metric of a run with this scope, or undefined when it is. */
export function metricPathProblem(path: string, scope: MetricScope): string | undefined {
  const { zones, racks = [], windows = [], clusters = [] } = scope;
  const parts = path.split(".");
  // A window path gets its own message: the window's name or the field that is wrong.
  if (parts[0] === "windows") return windowPathProblem(path, parts, windows);
  if (parts[0] === "clusters") {
    return isClusterPath(parts.slice(1), clusters) ? undefined : `unknown metric "${path}"; cluster metrics are ${CLUSTER_PATHS_HINT} (clusters: ${clusters.join(", ") || "none in this scenario"})`;
  }
  const [head, a, b, c] = parts;
  const zoneOk = (z: string | undefined) => z !== undefined && (z === "all" || zones.includes(z));
  const oneOf = (x: string | undefined, list: ReadonlyArray<string>) => x !== undefined && list.includes(x);
  let ok = false;
  switch (head) {
    case "requests":
      if (a === "placedByZone") return `${path} counts servers: it is servers.${parts.slice(1).join(".")} (a request is one allocation of one or more servers)`;
      ok = (parts.length === 2 && oneOf(a, REQUEST_FIELDS)) || (parts.length >= 3 && oneOf(a, ["rejectedByKind", "hostsRejectedByReason"])) || (parts.length === 3 && a === "all" && oneOf(b, ["total", "placed", "rejected"]));
      break;
    case "servers":
      ok =
        (parts.length === 2 && oneOf(a, SERVER_FIELDS)) ||
        (parts.length === 3 && a === "bootTimeMs" && oneOf(b, BOOT_FIELDS)) ||
        (parts.length >= 3 && oneOf(a, ["rejectedByKind", "placedByZone"])) ||
        (parts.length === 3 && a === "all" && oneOf(b, ["requested", "placed", "rejected"]));
      break;
    case "utilisation":
      ok = parts.length === 4 && zoneOk(a) && oneOf(b, RESOURCE_CLASSES) && oneOf(c, UTILISATION_FIELDS);
      break;
    case "fragmentation":
      ok = parts.length === 3 && zoneOk(a) && oneOf(b, FRAGMENTATION_FIELDS);
      break;
    case "run":
      ok = parts.length === 2 && oneOf(a, RUN_FIELDS);
      break;
    case "operations":
      // operations.<op>.actions.<outcome> or operations.<op>.tasks.<started|completed|failed>
      ok = parts.length === 4 && oneOf(a, OPERATION_NAMES) && ((b === "actions" && oneOf(c, ACTION_OUTCOMES)) || (b === "tasks" && oneOf(c, TASK_PHASES)));
      break;
    case "reservations":
      ok = a === "counts" && ((parts.length === 3 && oneOf(b, RESERVATION_COUNTS)) || (parts.length === 4 && oneOf(b, ["refusedByKind", "consumptionRefusedByKind"])));
      break;
    case "storageReservations":
      ok = a === "counts" && ((parts.length === 3 && oneOf(b, STORAGE_RESERVATION_COUNTS)) || (parts.length === 4 && oneOf(b, ["refusedByKind", "consumptionRefusedByKind"])));
      break;
    case "networkReservations":
      ok = a === "counts" && ((parts.length === 3 && oneOf(b, NETWORK_RESERVATION_COUNTS)) || (parts.length === 4 && oneOf(b, ["refusedByKind", "consumptionRefusedByKind"])));
      break;
    case "quotas":
      // quotas.<tenant>.refusals | firstRefusalMs | <limits|peak|end|peakShareOfLimit>.<instances|cores|ram>
      ok = a !== undefined && ((parts.length === 3 && oneOf(b, ["refusals", "firstRefusalMs"])) || (parts.length === 4 && oneOf(b, ["limits", "peak", "end", "peakShareOfLimit"]) && oneOf(c, ["instances", "cores", "ram"])));
      break;
    case "availability":
      ok = isAvailabilityPath(parts.slice(1), ["all", ...zones, ...racks]);
      break;
    case "performance":
      ok = isPerformancePath(parts.slice(1));
      break;
    case "accelerators":
      ok = isAcceleratorMetric(parts, zoneOk);
      break;
    case "networkPools":
      // networkPools.<publicIps|vlan|vxlan>.<total|inUseAtEnd> (models with a `network:` section)
      ok = parts.length === 3 && oneOf(a, ["publicIps", "vlan", "vxlan"]) && oneOf(b, ["total", "inUseAtEnd"]);
      break;
  }
  if (ok) return undefined;
  return (
    `unknown metric "${path}"; metrics are paths into summary.json such as requests.rejectionRate, ` +
    `servers.bootTimeMs.p99, utilisation.<zone|all>.<class>.peakUtilisation, fragmentation.<zone|all>.meanStrandedShareOfFree, ` +
    `operations.<operation such as migrate-live>.actions.<accepted|WRONG_STATE|NO_VALID_HOST|QUOTA_EXCEEDED|NOT_FOUND|FORBIDDEN|EXHAUSTED|...>, operations.<operation>.tasks.<started|completed|failed>, ` +
    `quotas.<tenant>.<refusals|firstRefusalMs|peak.cores|...>, availability.hostsUp.<all|zone|zone/rack>.atLeast.<k>, availability.hostAvailability.<mean|min|p1|p5|p50>, windows.<window>.requests.rejectionRate, ${ACCELERATOR_METRICS_HINT} ` +
    `(zones: ${["all", ...zones].join(", ")})`
  );
}
