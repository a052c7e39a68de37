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

const KNOWN: ReadonlyArray<KnownFinding> = [
  { owner: "YAML loading (yaml-source.ts, node-reader.ts): alias bombs", check: /-exit-3$/, detail: /Excessive alias count/ },
  { owner: "YAML loading (yaml-source.ts, node-reader.ts): deep nesting", check: /-exit-3$/, detail: /Maximum call stack|stack size/i },
  { owner: "value bounds (src/scenario/schema): name length; output folder safety (write-output.ts)", check: /^run-exit-3$/, detail: /ENAMETOOLONG|EINVAL|ENOENT|EISDIR|ENOTDIR/ },
  { owner: "value bounds: amounts validate accepts but the NFVI refuses to build (above 2^30; reserved not an integer in [0, total])", check: /^run-exit-3$/, detail: /did not build/ },
  { owner: "value bounds: an empty flavour mix (`flavours: {}`) validates, then placement reads flavour undefined", check: /^run-exit-3$/, detail: /reading 'group'/ },
  { owner: "terminal escaping (messages echo control characters)", check: /-control-character$/, detail: /./ },
  { owner: "terminal escaping (a line break echoed in a message splits the issue line)", check: /-refusal-without-position$/, detail: /./ },
  { owner: "Markdown escaping (src/report)", check: /^report-md-unescaped-markup$/, detail: /./ },
  { owner: "JUnit escaping (src/report/junit.ts)", check: /^report-xml-malformed$/, detail: /junit\.xml/ },
  { owner: "value bounds: huge counts and periods (a 5 ms sample period over hours)", check: /^timeout$/, detail: /./ },
  { owner: "heap exhaustion and huge counts (a timed request of 123,456,789 servers)", check: /^worker-crashed$/, detail: /OUT_OF_MEMORY|exited/ },
];

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
