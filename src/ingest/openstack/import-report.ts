/** The import report (Markdown): what became what, and every item that could not be mapped. */
import type { HostRow } from "./map-hosts.js";
import type { InitialServer } from "./map-servers.js";
import type { ImportNote } from "./notes.js";
import type { PlacementSite } from "./placement-answers.js";

export interface ReportInput {
  readonly name: string;
  readonly sources: readonly string[];
  readonly hosts: readonly HostRow[];
  readonly servers: readonly InitialServer[];
  readonly notes: readonly ImportNote[];
  readonly site: PlacementSite;
}

const cell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const row = (cells: readonly (string | number)[]): string => `| ${cells.map((c) => cell(String(c))).join(" | ")} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] =>
  rows.length === 0 ? ["(none)"] : [row(head), row(head.map(() => "---")), ...rows.map(row)];

/** The report's text: sources, hosts, production state, then the notes (the not-mapped list). */
export function renderImportReport(r: ReportInput): string {
  const nested = r.site.providers.filter((p) => p.parentUuid !== null);
  const lines = [
    `# Import report: ${r.name}`,
    "",
    `Sources: ${r.sources.length === 0 ? "(none)" : r.sources.join(", ")}`,
    "",
    `Resource providers: ${r.site.providers.length} (${r.site.providers.length - nested.length} roots, ${nested.length} nested); compute nodes imported: ${r.hosts.length}; servers at time 0: ${r.servers.length}; not mapped: ${r.notes.length}.`,
    "",
    "## Hosts",
    "",
    ...table(
      ["provider", "uuid", "host id", "zone", "profile", "state", "traits"],
      r.hosts.map((h) => [h.provider, h.uuid, h.hostId, h.zone, h.profile, [h.disabled ? "disabled" : "enabled", h.down ? "down" : "up"].join(", "), h.traits.join(" ")]),
    ),
    "",
    "## Servers alive at time 0",
    "",
    ...table(
      ["consumer", "tenant", "flavour", "host", "devices not carried"],
      r.servers.map((s) => [s.id, s.tenant, s.flavour, s.host, Object.entries(s.devices).map(([rc, n]) => `${rc}:${n}`).join(" ")]),
    ),
    "",
    "## Not mapped",
    "",
    "Everything the import read and could not carry into the model or the scenario, or carried with a loss.",
    "",
    ...table(["topic", "item", "why"], r.notes.map((n) => [n.topic, n.item, n.reason])),
    "",
  ];
  return lines.join("\n");
}
