/** Metric paths of the summary's `accelerators` section (for expectations and sweeps). */
import { ACC_TYPES } from "../../domain/index.js";

const UTILISATION_FIELDS = ["handles", "meanBound", "peakBound", "meanUtilisation", "peakUtilisation"];
const REPROGRAMMING_FIELDS = ["onloads", "refused", "programmingTimeMs", "handleTimeLostMs"];
const OFFLOAD_FIELDS = ["offered", "served", "dropped", "inSystemAtEnd", "meanQueueLength", "meanInSystem", "waitingMs", "serviceMs", "utilisation"];
const LATENCY_FIELDS = ["count", "mean", "min", "max", "p50", "p95", "p99"];

/** Is `parts` (starting with "accelerators") a path of the section? */
export function isAcceleratorMetric(parts: readonly string[], zoneOk: (z: string | undefined) => boolean): boolean {
  const [, a, b, c, d] = parts;
  switch (a) {
    case "devices":
    case "handles":
      return parts.length === 2;
    case "utilisation":
      return parts.length === 5 && zoneOk(b) && (ACC_TYPES as readonly string[]).includes(c ?? "") && UTILISATION_FIELDS.includes(d ?? "");
    case "bindFailures":
      return parts.length >= 3;
    case "reprogramming":
      return parts.length === 3 && REPROGRAMMING_FIELDS.includes(b ?? "");
    case "offload":
      return (parts.length === 4 && OFFLOAD_FIELDS.includes(c ?? "")) || (parts.length === 5 && c === "latencyMs" && LATENCY_FIELDS.includes(d ?? ""));
    default:
      return false;
  }
}

/** The accelerator paths, for the unknown-metric message. */
export const ACCELERATOR_METRICS_HINT =
  "accelerators.utilisation.<zone|all>.<FPGA|GPU|...>.meanUtilisation, accelerators.bindFailures.<reason>, accelerators.reprogramming.<onloads|refused|programmingTimeMs|handleTimeLostMs>, accelerators.offload.<function>.<latencyMs.p99|meanQueueLength|waitingMs|serviceMs|offered|dropped>";
