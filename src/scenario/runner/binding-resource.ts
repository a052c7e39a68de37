/**
 * Which resource binds a run, by one written rule:
 *
 * 1. When rejected requests after the warm-up named classes ("insufficient MEMORY_MB", "insufficient
 *    GPU handles"), the class named in most of them binds: it is what the refused requests lacked.
 * 2. Otherwise the class with the highest exact peak utilisation over the measured period, site-wide,
 *    over every resource class with capacity and every accelerator type with handles.
 *
 * Ties go to the higher peak, then the higher mean utilisation, then the class name, so the answer is
 * a function of the summary alone.
 */
import type { RejectionsByClass } from "../generators/rejected-requests.js";
import type { AcceleratorSummary, BindingResource, ClassUtilisation } from "./run-result.js";

const SITE = "all";

/** One candidate: a class with capacity, its site-wide peak and mean utilisation. */
export interface ClassLoad {
  readonly class: string;
  readonly peakUtilisation: number;
  readonly meanUtilisation: number;
}

/** Every class the site has capacity of: resource classes, then accelerator types. */
export function classLoads(utilisation: Readonly<Record<string, Readonly<Record<string, ClassUtilisation>>>>, accelerators: AcceleratorSummary | undefined): ClassLoad[] {
  const out: ClassLoad[] = [];
  for (const [rc, u] of Object.entries(utilisation[SITE] ?? {})) if (u.capacity > 0) out.push({ class: rc, peakUtilisation: u.peakUtilisation, meanUtilisation: u.meanUtilisation });
  for (const [type, u] of Object.entries(accelerators?.utilisation[SITE] ?? {})) if (u.handles > 0) out.push({ class: type, peakUtilisation: u.peakUtilisation, meanUtilisation: u.meanUtilisation });
  return out;
}

/** Higher peak first, then higher mean, then name: the order of the report's utilisation charts. */
export function byLoad(a: ClassLoad, b: ClassLoad): number {
  return b.peakUtilisation - a.peakUtilisation || b.meanUtilisation - a.meanUtilisation || (a.class < b.class ? -1 : a.class > b.class ? 1 : 0);
}

/** The binding resource of a run (rule above); undefined only for a site with no capacity at all. */
export function bindingResource(loads: ReadonlyArray<ClassLoad>, rejections: RejectionsByClass): BindingResource | undefined {
  const ranked = [...loads].sort(byLoad);
  const rank = new Map(ranked.map((l, i) => [l.class, i] as const));
  const named = [...rejections.named].sort(([a, n], [b, m]) => m - n || (rank.get(a) ?? ranked.length) - (rank.get(b) ?? ranked.length) || (a < b ? -1 : a > b ? 1 : 0));
  const top = named[0];
  if (top !== undefined) {
    return { class: top[0], rule: "rejections", reason: `named in ${top[1]} of ${rejections.measured} rejected request${rejections.measured === 1 ? "" : "s"}` };
  }
  const first = ranked[0];
  if (first === undefined) return undefined;
  return { class: first.class, rule: "peak utilisation", reason: `peak utilisation ${(first.peakUtilisation * 100).toFixed(2)} %` };
}
