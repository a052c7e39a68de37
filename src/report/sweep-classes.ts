/**
 * The key metrics of a sweep's table: the rejection rate, then the site-wide mean utilisation of every
 * class some point has capacity of (resource classes in their fixed order, then accelerator types by
 * name), so a site whose GPUs or pinned CPUs bind shows them and one without shows no columns of zeros.
 */
import { RESOURCE_CLASSES } from "../domain/index.js";
import type { SweepResult } from "../scenario/index.js";

const RESOURCE = /^utilisation\.all\.([A-Z_]+)\.meanUtilisation$/;
const ACCELERATOR = /^accelerators\.utilisation\.all\.([A-Z]+)\.meanUtilisation$/;

/** Metric paths for the sweep table, in column order. */
export function sweepKeyMetrics(result: SweepResult): string[] {
  const has = (path: string): boolean => result.points.some((p) => (p.metrics[path]?.mean ?? 0) > 0);
  const paths = [...new Set(result.points.flatMap((p) => Object.keys(p.metrics)))];
  const resources = RESOURCE_CLASSES.filter((rc) => has(`utilisation.all.${rc}.capacity`)).map((rc) => `utilisation.all.${rc}.meanUtilisation`).filter((p) => paths.includes(p) && RESOURCE.test(p));
  const accelerators = paths.filter((p) => ACCELERATOR.test(p) && has(p.replace(/meanUtilisation$/, "handles"))).sort();
  return ["requests.rejectionRate", ...resources, ...accelerators];
}
