/** The Network pools section of report.html: the model's public IP pool and segmentation ranges, in use at the end. */
import type { RunSummary } from "../../scenario/index.js";
import { NETWORK_POOL_HEADERS, networkPoolRows } from "../network-pools.js";
import { htmlTable, section } from "./fragments.js";

/** The section, or nothing when the model has no `network:` section. */
export function networkPoolsSection(s: RunSummary): string[] {
  const p = s.networkPools;
  if (p === undefined) return [];
  return [section("Network pools", htmlTable([...NETWORK_POOL_HEADERS], networkPoolRows(p)))];
}
