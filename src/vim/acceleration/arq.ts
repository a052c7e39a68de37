/** An accelerator request (Cyborg ARQ): one attach handle wanted by one consumer (a server). */
import type { AccRequestGroup } from "../../domain/index.js";
import type { HandleRef } from "../../nfvi/index.js";
import type { ArqState } from "./arq-machine.js";

export interface Arq {
  /** The number in the id `arq-<no>`. */
  readonly no: number;
  readonly id: string;
  /** The server (or other attach target) the handle is for. */
  readonly consumer: string;
  /** The device profile it came from ("" for a direct AllocateAccResource). */
  readonly profile: string;
  /** What it asks, for exactly one handle. */
  readonly group: AccRequestGroup;
  state: ArqState;
  /** The bound handle while BindStarted or Bound. */
  handle: HandleRef | undefined;
  /** Host of the handle, −1 while none is held. */
  hostIndex: number;
}

/** The ARQ as logged (a fresh object). */
export function arqSnapshot(a: Arq, deviceId: (no: number) => string): Record<string, unknown> {
  return {
    state: a.state,
    consumer: a.consumer,
    profile: a.profile,
    type: a.group.type,
    ...(a.group.function === undefined ? {} : { function: a.group.function }),
    ...(a.group.imageId === undefined ? {} : { imageId: a.group.imageId }),
    handle: a.handle === undefined ? null : `${deviceId(a.handle.device)}#${a.handle.handle}`,
  };
}

const EXPANDED = new WeakMap<readonly AccRequestGroup[], readonly AccRequestGroup[]>();

/** One ARQ per handle: a profile's groups expanded by count, in group order (memoised per list). */
export function expandGroups(groups: readonly AccRequestGroup[]): readonly AccRequestGroup[] {
  let out = EXPANDED.get(groups);
  if (out === undefined) {
    const list: AccRequestGroup[] = [];
    for (const g of groups) for (let i = 0; i < g.count; i++) list.push({ ...g, count: 1 });
    EXPANDED.set(groups, (out = list));
  }
  return out;
}
