/**
 * The event log: every state change of the twin is one record with a strictly increasing sequence
 * number. Keeping every record is optional (a million-VM run makes millions of them); the count and a
 * running digest are always kept, so two runs can be compared byte for byte even when the records
 * themselves are not stored. Two digests: `digest` covers each record's full content (before/after
 * snapshots, so only when records are kept or digested: building snapshots triples a run's time), and
 * `shapeDigest`, always on, covers each record's time, entity, id and op, cheaply enough for every run.
 */
import type { LogRecord, LogSink } from "../domain/index.js";

export interface EventLogOptions {
  /** Keep every record in memory (for events.jsonl, explain and tests). */
  readonly keepRecords: boolean;
}

export class EventLog implements LogSink {
  private nextSeq = 1;
  private readonly records: LogRecord[] = [];
  /** FNV-1a 32-bit over the canonical text of every record, so unkept traces still have a digest. */
  private hash = 0x811c9dc5;
  private readonly digestRecords: boolean;
  /** Two 32-bit lanes (FNV-1a and a multiply-xor lane) over (time, entity, id, op) of every record. */
  private shapeA = 0x811c9dc5;
  private shapeB = 0x9747b28c;

  constructor(private readonly options: EventLogOptions & { readonly digest?: boolean }) {
    this.digestRecords = options.digest ?? options.keepRecords;
  }

  /** Appends one state change; returns its sequence number. */
  append(timeMs: number, entity: string, id: string, op: string, before: unknown, after: unknown): number {
    const seq = this.nextSeq++;
    if (this.options.keepRecords) this.records.push({ seq, timeMs, entity, id, op, before, after });
    if (this.digestRecords) this.hash = fnv1a(this.hash, canonicalRecordLine({ seq, timeMs, entity, id, op, before, after }));
    this.addShape(timeMs, entity, id, op);
    return seq;
  }

  /** Mixes one record's identity into the always-on shape digest. */
  private addShape(timeMs: number, entity: string, id: string, op: string): void {
    const split = splitNumberedId(id);
    this.addShapeWords(timeMs, textHash(entity), textHash(split.prefix), split.no, textHash(op));
  }

  /**
   * The digest words of one record: time (two 32-bit halves: any integer horizon exactly), then the
   * hashes of entity, id prefix and op (memoised: they come from small sets), then the id's number.
   * Two lanes (FNV-style and multiply-xor) make 64 bits.
   */
  private addShapeWords(timeMs: number, e: number, p: number, idNo: number, o: number): void {
    const low = timeMs >>> 0;
    const high = Math.floor(timeMs / 4294967296) >>> 0;
    let a = this.shapeA;
    let b = this.shapeB;
    a = Math.imul(a ^ low, FNV_PRIME);
    a = Math.imul(a ^ high, FNV_PRIME);
    a = Math.imul(a ^ e, FNV_PRIME);
    a = Math.imul(a ^ p, FNV_PRIME);
    a = Math.imul(a ^ (idNo | 0), FNV_PRIME);
    this.shapeA = Math.imul(a ^ o, FNV_PRIME);
    b = mixWord(mixWord(mixWord(b, low), high), e);
    b = mixWord(mixWord(b, p), idNo | 0);
    this.shapeB = mixWord(b, o);
  }

  /**
   * Whether appended content is used at all. When false, hot paths call `skip()` instead of building
   * before/after snapshots: the record still gets its sequence number, only its content is not kept.
   */
  get wantsContent(): boolean {
    return this.options.keepRecords || this.digestRecords;
  }

  /** Counts a record whose content is not wanted (see wantsContent); returns its sequence number. */
  skip(timeMs: number, entity: string, id: string, op: string): number {
    this.addShape(timeMs, entity, id, op);
    return this.nextSeq++;
  }

  /**
   * `skip` for a record whose id is `idPrefix` followed by the decimal `idNo` (a server's `vm-<no>`):
   * the same digest as `skip` with that id, without building the string (the hot path's one record).
   */
  skipNumbered(timeMs: number, entity: LogText, idPrefix: LogText, idNo: number, op: LogText): number {
    this.addShapeWords(timeMs, entity.hash, idPrefix.hash, idNo, op.hash);
    return this.nextSeq++;
  }

  /** Number of records appended so far. */
  get count(): number {
    return this.nextSeq - 1;
  }

  /** Kept records, oldest first (empty unless keepRecords). */
  get kept(): ReadonlyArray<LogRecord> {
    return this.records;
  }

  /** Hex digest (64 bits) of every record's time, entity, id and op, kept or not: always on. */
  get shapeDigest(): string {
    return (this.shapeA >>> 0).toString(16).padStart(8, "0") + (this.shapeB >>> 0).toString(16).padStart(8, "0");
  }

  /** Hex digest of every record appended (when digesting), stable across machines. */
  get digest(): string {
    return (this.hash >>> 0).toString(16).padStart(8, "0");
  }
}

/** One record as a JSON line with sorted keys: the byte format of events.jsonl. */
export function canonicalRecordLine(record: LogRecord): string {
  return canonicalJson(record);
}

/** JSON with object keys sorted at every level, so output never depends on insertion order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeysDeep(value));
}

/** A copy of `value` whose object keys are sorted at every level (arrays keep their order). */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeysDeep(v);
    }
    return out;
  }
  return value;
}

function fnv1a(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= 10; // record separator
  return Math.imul(h, 0x01000193);
}

const FNV_PRIME = 0x01000193;
const MIX_PRIME = 0x5bd1e995;
const mixWord = (h: number, word: number): number => Math.imul(h ^ word, MIX_PRIME) ^ (h >>> 15);

/**
 * A record field of a hot path (an entity, an op, an id prefix) with its digest hash computed once,
 * so that a skipped record costs a few multiplications and no lookup.
 */
export class LogText {
  readonly hash: number;
  constructor(readonly text: string) {
    this.hash = textHash(text);
  }
}

/** A string's 32-bit FNV-1a hash, memoised (record entities, id prefixes and ops repeat millions of times). */
const TEXT_HASHES = new Map<string, number>();
function textHash(text: string): number {
  let h = TEXT_HASHES.get(text);
  if (h !== undefined) return h;
  h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  // Bounded: ids without a trailing number are not memoised forever.
  if (TEXT_HASHES.size < 65536) TEXT_HASHES.set(text, h);
  return h;
}

/**
 * An id as (prefix, number): `vm-12` → ("vm-", 12); an id without a trailing decimal number, or whose
 * digits have a leading zero (`h007` must not equal `h07`), or too many to be exact → (id, −1).
 */
export function splitNumberedId(id: string): { readonly prefix: string; readonly no: number } {
  let i = id.length;
  while (i > 0 && id.charCodeAt(i - 1) >= 48 && id.charCodeAt(i - 1) <= 57) i--;
  const digits = id.length - i;
  if (digits === 0 || digits > 9 || (digits > 1 && id.charCodeAt(i) === 48)) return { prefix: id, no: -1 };
  return { prefix: id.slice(0, i), no: Number(id.slice(i)) };
}
