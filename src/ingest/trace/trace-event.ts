/**
 * What every trace format reads into: a server created (with its size or flavour, and its end when
 * the row knows it) or a server deleted (formats of create/delete events). Times are trace seconds.
 */

export type TraceFormatName = "azure-v2" | "azure-packing" | "huawei" | "alibaba" | "swf" | "csv";

/** The formats, for messages and the schema. */
export const TRACE_FORMATS: ReadonlyArray<TraceFormatName> = ["alibaba", "azure-packing", "azure-v2", "csv", "huawei", "swf"];

export interface TraceCreate {
  readonly kind: "create";
  /** The row's own id (vmid, container id, job number); a delete event names it. */
  readonly id: string;
  readonly timeS: number;
  /** When the server ends, trace seconds (undefined: it lives until the end of the run or its delete event). */
  readonly endS: number | undefined;
  readonly vcpus: number;
  /** The CPU request in millicores when the trace gives it finer than whole vCPUs (Alibaba: pods). */
  readonly cpuMilli?: number;
  /** Undefined when the trace does not say (SWF's −1). */
  readonly ramMb: number | undefined;
  /** A flavour name the row gives instead of a size (generic CSV). */
  readonly flavour: string | undefined;
  /** The trace's tenant (subscription, user, application); "" when it has none. */
  readonly tenant: string;
  /** A deployment or group the row belongs to ("" when none): fit counts group sizes. */
  readonly group: string;
}

export interface TraceDelete {
  readonly kind: "delete";
  readonly id: string;
  readonly timeS: number;
}

export type TraceEvent = TraceCreate | TraceDelete;

/** One line read: an event, nothing (a header, comment, blank or repeated row), or why it is malformed. */
export type RowOutcome = { readonly ok: true; readonly event: TraceEvent | undefined } | { readonly ok: false; readonly message: string };

export const SKIP: RowOutcome = { ok: true, event: undefined };
export const bad = (message: string): RowOutcome => ({ ok: false, message });
export const row = (event: TraceEvent): RowOutcome => ({ ok: true, event });

/** A number written in full (no blank, no NaN, no Infinity), or undefined. */
export function numberOf(text: string | undefined): number | undefined {
  if (text === undefined || text.length === 0) return undefined;
  // Number() trims blanks itself but reads a blank string as 0: only a 0 needs the second look.
  const n = Number(text);
  if (!Number.isFinite(n)) return undefined;
  return n === 0 && text.trim() === "" ? undefined : n;
}

/** A MB figure computed from a fraction, rounded up, without float dust turning 3072.0000001 into 3073. */
export const ceilMb = (x: number): number => Math.max(0, Math.ceil(x - 1e-6));
