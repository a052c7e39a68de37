/**
 * Which leaves of one capacity-index tree fit each registered shape, as bitsets: the first-fit
 * answer ("the lowest host where this flavour fits") is then a find-first-set instead of a descent
 * of the tree, and keeping it current is one bit per claim or release instead of a leaf record.
 *
 * Layout, per shape k: `words` holds one bit per leaf position (bit p % 32 of word p >> 5), and
 * `summary` one bit per word (set when that word is not zero), so a search skips 1,024 empty
 * positions per summary bit: 100,000 hosts are 98 summary words. Bits are set only for leaves whose
 * host is usable and fits the whole shape (the COUNT of capacity-index.ts, at the leaf).
 */
export class FitBits {
  private readonly wordsPerShape: number;
  private readonly summaryPerShape: number;
  private readonly words: Int32Array;
  private readonly summary: Int32Array;

  constructor(
    /** Leaf positions 0 .. leaves − 1. */
    readonly leaves: number,
    readonly shapes: number,
  ) {
    this.wordsPerShape = Math.max(1, Math.ceil(leaves / 32));
    this.summaryPerShape = Math.ceil(this.wordsPerShape / 32);
    this.words = new Int32Array(this.wordsPerShape * shapes);
    this.summary = new Int32Array(this.summaryPerShape * shapes);
  }

  /** Does leaf `pos` fit shape k? */
  has(k: number, pos: number): boolean {
    return (this.words[k * this.wordsPerShape + (pos >> 5)]! & (1 << (pos & 31))) !== 0;
  }

  /** Sets whether leaf `pos` fits shape k. */
  set(k: number, pos: number, fits: boolean): void {
    const w = k * this.wordsPerShape + (pos >> 5);
    const bit = 1 << (pos & 31);
    const before = this.words[w]!;
    const after = fits ? before | bit : before & ~bit;
    if (after === before) return;
    this.words[w] = after;
    // The summary bit moves only when the word turns empty or stops being empty.
    if (before !== 0 && after !== 0) return;
    const word = pos >> 5;
    const s = k * this.summaryPerShape + (word >> 5);
    const sbit = 1 << (word & 31);
    this.summary[s] = after === 0 ? this.summary[s]! & ~sbit : this.summary[s]! | sbit;
  }

  /** The first leaf position ≥ `from` that fits shape k, or −1. */
  nextFrom(k: number, from: number): number {
    if (from >= this.leaves) return -1;
    const base = k * this.wordsPerShape;
    let word = from >> 5;
    // The rest of the first word, then whole words found through the summary.
    const first = this.words[base + word]! & (-1 << (from & 31));
    if (first !== 0) return (word << 5) + lowestBit(first);
    word++;
    const sbase = k * this.summaryPerShape;
    let s = word >> 5;
    if (s >= this.summaryPerShape) return -1;
    let bits = this.summary[sbase + s]! & (-1 << (word & 31));
    while (bits === 0) {
      if (++s >= this.summaryPerShape) return -1;
      bits = this.summary[sbase + s]!;
    }
    word = (s << 5) + lowestBit(bits);
    return (word << 5) + lowestBit(this.words[base + word]!);
  }
}

/** Index of the lowest set bit of a non-zero 32-bit word. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}
