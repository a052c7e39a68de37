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

/** Counts rows per (size, flavour); `rows()` sorted by size then flavour. */
export class MappingTable {
  private readonly counts = new Map<string, { size: string; flavour: string; rows: number }>();

  add(size: string, flavour: string, rows = 1): void {
    this.counter(size, flavour).rows += rows;
  }

  /** The mutable row of (size, flavour): a hot path keeps it and counts into it directly. */
  counter(size: string, flavour: string): { rows: number } {
    const key = `${size}\u0000${flavour}`;
    let row = this.counts.get(key);
    if (row === undefined) this.counts.set(key, (row = { size, flavour, rows: 0 }));
    return row;
  }

  rows(): MappingRow[] {
    return [...this.counts.values()].sort((a, b) => (a.size < b.size ? -1 : a.size > b.size ? 1 : a.flavour < b.flavour ? -1 : a.flavour > b.flavour ? 1 : 0)).map((r) => ({ ...r }));
  }
}
