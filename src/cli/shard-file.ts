/**
 * shard.json: what one shard of a run plan leaves for `nfvtwin merge`: which scenario (name, file,
 * inputs digest, seed, replications, trace), which slice (I/N of a plan of M items), and the raw
 * result of every plan item it ran. Canonical JSON (sorted keys), so equal shards are equal bytes.
 */
import { Exit, Schema } from "effect";
import { stableJson } from "../report/index.js";
import type { RunResult } from "../scenario/index.js";
import type { Shard } from "./shard.js";

export const SHARD_FORMAT = "nfvtwin-shard/1";

const Count = Schema.Int.check(Schema.isGreaterThanOrEqualTo(0));

export const ShardFile = Schema.Struct({
  format: Schema.Literal(SHARD_FORMAT),
  scenario: Schema.Struct({ name: Schema.String, file: Schema.String }),
  inputsDigest: Schema.String,
  seed: Schema.Int,
  replications: Count,
  trace: Schema.Boolean,
  planSize: Count,
  shard: Schema.Struct({ index: Count, count: Count }),
  runs: Schema.Array(Schema.Struct({ planIndex: Count, result: Schema.Unknown })),
});
export type ShardFile = typeof ShardFile.Type;

/** The identity of a shard's plan: every field two shards of one plan must agree on. */
export interface ShardHeader {
  readonly scenario: { readonly name: string; readonly file: string };
  readonly inputsDigest: string;
  readonly seed: number;
  readonly replications: number;
  readonly trace: boolean;
  readonly planSize: number;
}

/** The text of shard.json for the results of `indices` (plan order). */
export function shardJson(header: ShardHeader, shard: Shard, indices: ReadonlyArray<number>, results: ReadonlyArray<RunResult>): string {
  return stableJson({ format: SHARD_FORMAT, ...header, shard, runs: indices.map((planIndex, i) => ({ planIndex, result: results[i] })) });
}

/** Decodes shard.json text; a reason on failure (not JSON, another format, a missing field). */
export function decodeShardFile(text: string): ShardFile | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  const exit = Schema.decodeUnknownExit(ShardFile, { onExcessProperty: "error" })(value);
  return Exit.isSuccess(exit) ? exit.value : `not an ${SHARD_FORMAT} file`;
}

/** A plan item's result as the runner made it (shard.json holds plain JSON data of RunResult). */
export const asRunResult = (value: unknown): RunResult => value as RunResult;
