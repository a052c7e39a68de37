/** The text form of one placement explanation: the filter trail, then the best-scored survivors. */
import { clockTime } from "./number-format.js";
import { plural } from "../domain/index.js";
import type { RejectedRequestsSummary, RequestExplanation } from "../scenario/index.js";

/** Multi-line text for `nfvtwin explain`. */
export function renderExplanation(x: RequestExplanation): string {
  const lines = [
    `request ${x.request} at ${clockTime(x.timeMs)}: tenant ${x.tenant}, flavour ${x.flavour}, server ${x.server}`,
    `outcome: ${x.outcome}`,
    "",
    "filters:",
  ];
  for (const f of x.filters) {
    lines.push(`  ${f.filter}: ${f.hostsBefore} -> ${f.hostsAfter} hosts`);
    for (const r of f.removed) {
      const more = r.count > r.sampleHosts.length ? ", ..." : "";
      lines.push(`    - ${r.count} ${r.reason} (${r.sampleHosts.join(", ")}${more})`);
    }
  }
  if (x.candidates.length > 0) {
    lines.push("", "weighed candidates (best first):");
    for (const c of x.candidates) {
      const parts = c.weighers.map((w) => `${w.weigher} ${w.raw} -> ${w.normalized.toFixed(4)} x ${w.multiplier}`);
      lines.push(`  ${c.host}: ${c.total.toFixed(4)}  [${parts.join("; ")}]`);
    }
  }
  return lines.join("\n");
}

/** `explain --rejected` as text: one line per refused request, with the number `--request` takes. */
export function renderRejectedRequests(r: RejectedRequestsSummary, arrivals: number): string {
  if (r.count === 0) return `no request was rejected (of ${arrivals})`;
  const shown = r.sample.length < r.count ? `; the first ${r.sample.length} are listed` : "";
  const lines = r.sample.map(
    (x) => `request ${x.request} at ${clockTime(x.timeMs)}${x.measured ? "" : " (warm-up)"}: tenant ${x.tenant}, flavour ${x.flavour}, ${plural(x.servers, "server")}: ${x.kind}: ${x.reason}`,
  );
  return [`${r.count} of ${arrivals} requests were rejected${shown}; explain one with --request N`, ...lines].join("\n");
}
