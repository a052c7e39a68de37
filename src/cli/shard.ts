/**
 * `--shard I/N`: which items of a run plan one process runs, so a sweep spreads over a CI matrix or a
 * Kubernetes Indexed Job. I is 1-based (as in Jest's and Playwright's `--shard`); plan item k (0-based,
 * in plan order) belongs to shard (k mod N) + 1. Round-robin rather than contiguous blocks, because
 * later sweep points are usually the larger ones: dealing them out keeps the shards' work even.
 */

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** Parses `I/N` with 1 ≤ I ≤ N; otherwise the reason, for an exit-2 message. */
export function parseShard(text: string): Shard | string {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (match === null) return `--shard expects I/N with whole numbers, e.g. 1/4; got "${text}"`;
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) return `--shard ${text}: the shard count N must be at least 1`;
  if (index < 1 || index > count) return `--shard ${text}: the shard index must be between 1 and ${count}`;
  return { index, count };
}

/** The plan indices shard `shard` runs, ascending. */
export function shardPlanIndices(planSize: number, shard: Shard): number[] {
  const out: number[] = [];
  for (let k = shard.index - 1; k < planSize; k += shard.count) out.push(k);
  return out;
}
