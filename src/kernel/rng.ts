/**
 * Named random streams (style rule 5). Each stream is seeded from (run seed, stream name) alone, so
 * adding a stream, or drawing more from one stream, never moves the draws of another: two variants of
 * a scenario that differ only in placement policy see the same arrivals and faults (common random
 * numbers), and a new subsystem cannot perturb old golden traces.
 *
 * Generator: seedrandom's Alea (Baagøe), seeded with the string `${seed}/${name}`. It passes BigCrush
 * per seedrandom's README, and is several times faster than the default ARC4. Its doubles carry 32
 * random bits, enough for every sampler here. This file is the only one allowed to import seedrandom.
 */
import seedrandom from "seedrandom";

/** A source of uniform draws in [0, 1); all a sampler needs. */
export interface UniformSource {
  next(): number;
}

/** One named, reproducible sequence of uniform draws. */
export interface RandomStream extends UniformSource {
  readonly name: string;
}

export interface RandomStreams {
  readonly seed: number;
  /**
   * The stream called `name`. Asking twice for one name returns the same object, which shares one
   * position: two subsystems that must not disturb each other need two names.
   */
  stream(name: string): RandomStream;
}

/** Streams for one run; seed must be a safe integer (it is part of every stream's key). */
export function createStreams(seed: number): RandomStreams {
  if (!Number.isSafeInteger(seed)) throw new Error(`random seed must be a safe integer; got ${String(seed)}`);
  const streams = new Map<string, RandomStream>();
  return {
    seed,
    stream(name: string): RandomStream {
      let found = streams.get(name);
      if (found === undefined) {
        found = createStream(seed, name);
        streams.set(name, found);
      }
      return found;
    },
  };
}

/** A fresh stream for (seed, name), independent of any registry; createStreams caches these. */
export function createStream(seed: number, name: string): RandomStream {
  if (!Number.isSafeInteger(seed)) throw new Error(`random seed must be a safe integer; got ${String(seed)}`);
  if (name.length === 0) throw new Error("random stream name must not be empty");
  // The seed has no "/", so the first "/" of the key separates seed from name: keys never collide.
  const prng = seedrandom.alea(`${seed}/${name}`);
  // `next` is Alea's own function (it ignores `this`), so a draw costs one call and no wrapper.
  return { name, next: prng };
}
