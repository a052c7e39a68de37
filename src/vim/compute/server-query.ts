/**
 * QueryVirtualisedComputeResource: the filter of a query (IFA queryComputeFilter, the fields an
 * operator filters on) and the attribute selector of its answer. Pure functions of a server.
 */
import { serverStatus, type ServerStatus } from "./server-machine.js";
import type { ServerRecord } from "./server.js";

export interface ServerFilter {
  readonly tenant?: string;
  readonly status?: readonly ServerStatus[];
  readonly flavour?: string;
  /** Host id (as the model names it). */
  readonly host?: string;
  readonly zone?: string;
  /** Every key must be present with this value. */
  readonly metadata?: Readonly<Record<string, string>>;
  readonly ids?: readonly string[];
  readonly name?: string;
}

/** Does server `s` match every given field of `filter`? */
export function matchesFilter(s: ServerRecord, filter: ServerFilter, hostId: (h: number) => string, zoneIdOf: (h: number) => string): boolean {
  if (filter.tenant !== undefined && s.tenant !== filter.tenant) return false;
  if (filter.status !== undefined && !filter.status.includes(serverStatus(s.state))) return false;
  if (filter.flavour !== undefined && s.flavour !== filter.flavour) return false;
  if (filter.host !== undefined && (s.hostIndex < 0 || hostId(s.hostIndex) !== filter.host)) return false;
  if (filter.zone !== undefined && (s.hostIndex < 0 || zoneIdOf(s.hostIndex) !== filter.zone)) return false;
  if (filter.ids !== undefined && !filter.ids.includes(s.id)) return false;
  if (filter.name !== undefined && s.name !== filter.name) return false;
  for (const [key, value] of Object.entries(filter.metadata ?? {})) if (s.metadata[key] !== value) return false;
  return true;
}

/** The IFA VirtualCompute view of a server (attribute names of IFA 005 §8.4.3.2). */
export function virtualCompute(s: ServerRecord, hostId: (h: number) => string, zoneIdOf: (h: number) => string): Record<string, unknown> {
  return {
    computeId: s.id,
    computeName: s.name,
    flavourId: s.flavour,
    hostId: s.hostIndex >= 0 ? hostId(s.hostIndex) : null,
    zoneId: s.hostIndex >= 0 ? zoneIdOf(s.hostIndex) : null,
    status: serverStatus(s.state),
    vmState: s.state.vmState,
    taskState: s.state.taskState,
    powerState: s.state.powerState,
    tenantId: s.tenant,
    metadata: s.metadata,
  };
}

/** Only the selected attributes of a view (all when `attributes` is undefined), in the order given. */
export function selectAttributes(view: Record<string, unknown>, attributes: readonly string[] | undefined): Record<string, unknown> {
  if (attributes === undefined) return view;
  return Object.fromEntries(attributes.filter((a) => a in view).map((a) => [a, view[a]]));
}
