/**
 * A trace names sizes, not flavours: the smallest model flavour that fits a size (by vCPUs, then
 * RAM, then disk, then id), or the exact size as a flavour of its own. Counted per size for the
 * report's mapping table.
 */

export type SizeMapping = "smallestFittingFlavour" | "exactSize";

export interface FlavourSize {
  readonly id: string;
  readonly vcpus: number;
  readonly ramMb: number;
  readonly diskGb: number;
}

/** The flavours in "smallest first" order: vCPUs, RAM, disk, id. */
export function smallestFirst(flavours: ReadonlyArray<FlavourSize>): FlavourSize[] {
  return [...flavours].sort((a, b) => a.vcpus - b.vcpus || a.ramMb - b.ramMb || a.diskGb - b.diskGb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The first flavour of `sorted` (smallestFirst) with at least `vcpus` and `ramMb` (unknown RAM: any). */
export function smallestFitting(sorted: ReadonlyArray<FlavourSize>, vcpus: number, ramMb: number | undefined): FlavourSize | undefined {
  return sorted.find((f) => f.vcpus >= vcpus && (ramMb === undefined || f.ramMb >= ramMb));
}

/** The id of the flavour made for an exact size. */
export const exactFlavourId = (vcpus: number, ramMb: number | undefined): string => `exact-${vcpus}c-${ramMb ?? 0}mb`;

/** A size as the mapping table names it. */
export const sizeLabel = (vcpus: number, ramMb: number | undefined): string => `${vcpus} vCPU / ${ramMb === undefined ? "? " : ramMb} MB`;

/** One row of the mapping table: a trace size (or flavour) and what it became. */
export interface MappingRow {
  readonly size: string;
  /** A model flavour, an exact-size flavour, or "none" (no flavour fits: the rows are skipped). */
  readonly flavour: string;
  readonly rows: number;
}

/** Counts rows per (size, flavour); `rows()` sorted by vCPUs, RAM, then size text and flavour. */
export class MappingTable {
  private readonly counts = new Map<string, { size: string; flavour: string; rows: number; vcpus: number; ramMb: number }>();

  /** Counts `rows` more rows of `size` (vcpus and ramMb order the table; a named flavour sorts last). */
  add(size: string, flavour: string, rows = 1, vcpus = Number.POSITIVE_INFINITY, ramMb = 0): void {
    this.counter(size, flavour, vcpus, ramMb).rows += rows;
  }

  /** The mutable row of (size, flavour): a hot path keeps it and counts into it directly. */
  counter(size: string, flavour: string, vcpus = Number.POSITIVE_INFINITY, ramMb = 0): { rows: number } {
    const key = `${size}\u0000${flavour}`;
    let row = this.counts.get(key);
    if (row === undefined) this.counts.set(key, (row = { size, flavour, rows: 0, vcpus, ramMb }));
    return row;
  }

  rows(): MappingRow[] {
    const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.counts.values()]
      .sort((a, b) => a.vcpus - b.vcpus || a.ramMb - b.ramMb || text(a.size, b.size) || text(a.flavour, b.flavour))
      .map(({ size, flavour, rows }) => ({ size, flavour, rows }));
  }
}
