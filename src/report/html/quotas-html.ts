/** The quota section of report.html: each limited tenant's compute quota against its use. */
import type { RunSummary } from "../../scenario/index.js";
import { QUOTA_HEADERS, quotaRows } from "../quotas.js";
import { htmlTable, section } from "./fragments.js";

/** The section, or nothing when no tenant is limited. */
export function quotaSection(s: RunSummary): string[] {
  const rows = quotaRows(s);
  return rows.length === 0 ? [] : [section("Quota usage per tenant", htmlTable([...QUOTA_HEADERS], rows))];
}
