/**
 * The VIM's port to the placement policy: what it asks (flavour, zone, the group with its member
 * hosts) and what it gets (a host index, or a countable NO_VALID_HOST reason). The runner builds the
 * selector from a named placement policy; tests can pass a brute-force one.
 */
import type { FlavourSpec } from "./flavour.js";
import type { ServerGroup } from "./server-group.js";

export interface SelectionRequest {
  readonly flavour: FlavourSpec;
  readonly zone: string | undefined;
  readonly group: ServerGroup | undefined;
  /** A host that must not be chosen (the source of a move). */
  readonly ignoreHost?: number;
  /** The only host that may be chosen (an admin's forced host: the production state's servers). */
  readonly forceHost?: number;
}

export type Selection =
  | { readonly ok: true; readonly host: number }
  | { readonly ok: false; readonly message: string; readonly reasons: ReadonlyMap<string, number> };

export type HostSelector = (request: SelectionRequest) => Selection;
