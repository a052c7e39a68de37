/**
 * The shapes of placement's parts: filters, weighers and policies (style rule 6). A filter or weigher
 * reads one host through the read-only NFVI view, `(request, view, host index)`: the view plus an
 * index is the host view, so a scan allocates nothing per host.
 */
import type { NfviView } from "../nfvi/index.js";
import type { PlacementRequest } from "./request.js";

/** null = pass; a string = the countable rejection reason ("insufficient MEMORY_MB"). */
export type FilterVerdict = string | null;

/**
 * How the fast path can honour a filter without scanning: each kind is known to `fast-path.ts`. A
 * filter without an index form makes its policy fall back to the full scan.
 */
export type FilterIndexForm =
  | "host-state"
  | "capacity"
  | "availability-zone"
  | "aggregate-metadata"
  | "anti-affinity"
  | "affinity"
  | "host-list"
  /** Checked at the leaves only (accelerator handles are not in the capacity index). */
  | "accelerator"
  /** Checked at the leaves only, like "accelerator" (host traits are not in the capacity index). */
  | "leaf";

export interface Filter {
  readonly name: string;
  readonly check: (request: PlacementRequest, view: NfviView, host: number) => FilterVerdict;
  readonly indexForm?: FilterIndexForm;
  /**
   * A Nova scheduler filter that forced hosts skip (host_manager `get_filtered_hosts` returns forced
   * hosts unfiltered); filters left out of it are the resource check Placement does and the host lists.
   */
  readonly skippedWhenForced?: boolean;
}

/**
 * Indexed weigher forms: `free` = a weigher whose raw weight is the free units of one class (as the
 * capacity index has them) minus a per-host offset that depends on the inventory only (Nova weighs
 * physical free RAM and disk, and VCPU total × ratio − used: fast-path weigher-inputs.ts);
 * `group` = a soft server-group weigher, non-zero only on the few hosts holding group members.
 */
export type WeigherIndexForm =
  | { readonly kind: "free"; readonly classIndex: number }
  | { readonly kind: "group"; readonly policy: "soft-affinity" | "soft-anti-affinity" };

export interface Weigher {
  readonly name: string;
  readonly defaultMultiplier: number;
  /** The raw (unnormalised) weight of a host, Nova's `_weigh_object`; higher wins under a positive multiplier. */
  readonly raw: (request: PlacementRequest, view: NfviView, host: number) => number;
  /**
   * Nova's `minval`: raw weights are raised to it and it is the low end of the normalisation (RAM,
   * CPU and disk: 0, so x / max); undefined = the minimum over the candidates (min-max).
   */
  readonly minval?: number;
  /** Aggregate metadata key overriding the multiplier per host (Nova `get_weight_multiplier`). */
  readonly multiplierKey: string;
  /** Lowest multiplier a policy may configure (Nova's option bound; soft-affinity weighers: 0). */
  readonly minMultiplier?: number;
  readonly indexForm?: WeigherIndexForm;
}

export interface WeigherUse {
  readonly weigher: Weigher;
  readonly multiplier: number;
}

/** The parts of a policy: ordered filters, then weighers with multipliers (see policy.ts). */
export interface PolicyParts {
  readonly name: string;
  readonly filters: readonly Filter[];
  readonly weighers: readonly WeigherUse[];
}
