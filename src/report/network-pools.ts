/**
 * The network pools section of report.md and report.html: the external network's public IP pool and
 * the provider's VLAN and VXLAN ranges as the model configured them, with what is in use at the end.
 * Written only when the model has a `network:` section (summary.json `networkPools`).
 */
import type { RunSummary } from "../scenario/index.js";
import { mdRow } from "./markdown-text.js";

type NetworkPools = NonNullable<RunSummary["networkPools"]>;

export const NETWORK_POOL_HEADERS = ["pool", "range", "total", "in use at end"] as const;

/** One row per pool: public IPs, VLAN ids, VXLAN VNIs, then the flat physical networks. */
export function networkPoolRows(p: NetworkPools): Array<Array<string | number>> {
  return [
    [`public IPs (${p.external.networkId})`, p.external.cidr, p.publicIps.total, p.publicIps.inUseAtEnd],
    ["VLAN ids", `${p.vlan.min}-${p.vlan.max}`, p.vlan.total, p.vlan.inUseAtEnd],
    ["VXLAN VNIs", `${p.vxlan.min}-${p.vxlan.max}`, p.vxlan.total, p.vxlan.inUseAtEnd],
    ["flat networks", p.flatNetworks.join(", ") || "-", p.flatNetworks.length, "-"],
  ];
}

/** The report.md section (empty when the model has no `network:` section). */
export function networkPoolsMarkdown(s: RunSummary): string[] {
  const p = s.networkPools;
  if (p === undefined) return [];
  return [
    "",
    "## Network pools",
    "",
    `| ${NETWORK_POOL_HEADERS.join(" | ")} |`,
    "|---|---|---:|---:|",
    ...networkPoolRows(p).map(mdRow),
  ];
}
