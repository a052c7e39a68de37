/**
 * Defects the fuzzer finds that are being fixed elsewhere (issue 15): each names the clause it breaks,
 * the symptom it matches and the area that owns the fix. The fixed-budget test tolerates these and
 * fails on anything else; `npm run fuzz` counts them unless --allow-known. Delete an entry when its
 * fix lands: the list is meant to end empty ("10,000 cases, zero violations").
 */
import type { Violation } from "./contract.js";

interface KnownFinding {
  readonly owner: string;
  readonly check: RegExp;
  readonly detail: RegExp;
}

const KNOWN: ReadonlyArray<KnownFinding> = [];

/** The owner of a known finding matching `v`, or undefined. */
export function knownFinding(v: Violation): string | undefined {
  return KNOWN.find((k) => k.check.test(v.check) && k.detail.test(v.detail))?.owner;
}

/** A violation without its particulars (numbers, quoted values, paths), to group repeats of one finding. */
export function findingKey(v: Violation): string {
  const detail = v.detail
    .replace(/\/[^\s:"]*\/(case-\d+|out)\/[^\s:"]*/g, "<path>")
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, "N")
    .slice(0, 140);
  return `${v.check}: ${detail}`;
}
