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
import { plural } from "../domain/index.js";

const SITE = "all";

/** summary.json's `bindingResource`. */
export interface BindingResource {
  /** A resource class (VCPU, PCPU, MEMORY_MB, DISK_GB) or an accelerator type (GPU, FPGA, ...). */
  readonly class: string;
  readonly rule: "rejections" | "peak utilisation";
  /** Why, for people: "named in 412 of 430 rejected requests" or "peak utilisation 98.20 %". */
  readonly reason: string;
}

/** Rejected requests after the warm-up, and how many of them named each class. */
export interface RejectionsByClass {
  readonly measured: number;
  /** class (resource class or accelerator type) → measured rejected requests whose reason names it. */
  readonly named: ReadonlyMap<string, number>;
}

type Shares = { readonly peakUtilisation: number; readonly meanUtilisation: number };
type ZoneRecord<T> = Readonly<Record<string, Readonly<Record<string, T>>>>;

/** One candidate: a class with capacity, its site-wide peak and mean utilisation. */
export interface ClassLoad {
  readonly class: string;
  readonly peakUtilisation: number;
  readonly meanUtilisation: number;
}

/** Every class the site has capacity of: resource classes, then accelerator types. */
export function classLoads(utilisation: ZoneRecord<Shares & { readonly capacity: number }>, accelerators: { readonly utilisation: ZoneRecord<Shares & { readonly handles: number }> } | undefined): ClassLoad[] {
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
    return { class: top[0], rule: "rejections", reason: `named in ${top[1]} of ${plural(rejections.measured, "rejected request")}` };
  }
  const first = ranked[0];
  if (first === undefined) return undefined;
  return { class: first.class, rule: "peak utilisation", reason: `peak utilisation ${(first.peakUtilisation * 100).toFixed(2)} %` };
}
