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
  | "accelerator";

export interface Filter {
  readonly name: string;
  readonly check: (request: PlacementRequest, view: NfviView, host: number) => FilterVerdict;
  readonly indexForm?: FilterIndexForm;
}

/**
 * Indexed weigher forms: `free` = free units of one class (bounded by the capacity index);
 * `group` = a soft server-group weigher, non-zero only on the few hosts holding group members.
 */
export type WeigherIndexForm =
  | { readonly kind: "free"; readonly classIndex: number }
  | { readonly kind: "group"; readonly policy: "soft-affinity" | "soft-anti-affinity" };

export interface Weigher {
  readonly name: string;
  readonly defaultMultiplier: number;
  /** The raw (unnormalised) weight of a host; higher wins once multiplied by a positive multiplier. */
  readonly raw: (request: PlacementRequest, view: NfviView, host: number) => number;
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
