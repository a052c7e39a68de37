/**
 * Hands out integers from inclusive ranges, lowest free first: a subnet's IP addresses over its
 * allocation pools, a provider type's segmentation ids over its configured range. Deterministic by
 * construction (no hashing order, no randomness; Neutron picks randomly, the twin may not). The used
 * values are kept as a sorted array, so a /64 pool is never enumerated: finding the lowest free value
 * walks the ranges and the used values together.
 */
export interface ValueRange {
  readonly first: bigint;
  readonly last: bigint;
}

export class RangeAllocator {
  /** Used values, ascending. */
  private readonly used: bigint[] = [];
  private readonly ranges: readonly ValueRange[];
  /** How many values the ranges hold in all. */
  readonly size: bigint;

  /** `ranges` must not overlap (the callers validate it); they are sorted here. */
  constructor(ranges: readonly ValueRange[]) {
    this.ranges = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    this.size = this.ranges.reduce((n, r) => n + (r.last - r.first + 1n), 0n);
  }

  /** Values handed out and not released. */
  get usedCount(): number {
    return this.used.length;
  }

  get freeCount(): bigint {
    return this.size - BigInt(this.used.length);
  }

  /** Is `value` inside one of the ranges? */
  covers(value: bigint): boolean {
    return this.ranges.some((r) => value >= r.first && value <= r.last);
  }

  isUsed(value: bigint): boolean {
    const i = this.lowerBound(value);
    return i < this.used.length && this.used[i] === value;
  }

  /** Takes the lowest free value, or undefined when every value is used (the caller says EXHAUSTED). */
  takeLowest(): bigint | undefined {
    let i = 0;
    for (const range of this.ranges) {
      let candidate = range.first;
      while (i < this.used.length && this.used[i]! < candidate) i++;
      while (i < this.used.length && this.used[i] === candidate) {
        candidate++;
        i++;
      }
      if (candidate <= range.last) {
        this.used.splice(i, 0, candidate);
        return candidate;
      }
    }
    return undefined;
  }

  /** Takes `value` itself; false when it is outside the ranges or already used. */
  take(value: bigint): boolean {
    if (!this.covers(value)) return false;
    const i = this.lowerBound(value);
    if (this.used[i] === value) return false;
    this.used.splice(i, 0, value);
    return true;
  }

  /** Gives `value` back; false when it was not in use. */
  release(value: bigint): boolean {
    const i = this.lowerBound(value);
    if (this.used[i] !== value) return false;
    this.used.splice(i, 1);
    return true;
  }

  /** The used values, ascending (a copy). */
  usedValues(): bigint[] {
    return [...this.used];
  }

  /** The index of the first used value ≥ `value`. */
  private lowerBound(value: bigint): number {
    let lo = 0;
    let hi = this.used.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.used[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
