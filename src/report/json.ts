/** JSON output with sorted keys and a trailing newline: the same data always gives the same bytes. */
import { sortKeysDeep } from "../metrics/index.js";

/** Pretty JSON with keys sorted at every level; non-finite numbers become null (as JSON.stringify does). */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeysDeep(value), null, 2)}\n`;
}
