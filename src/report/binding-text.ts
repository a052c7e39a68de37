/** The binding resource as one line for the first screen of report.md and report.html. */
import type { BindingResource } from "../scenario/index.js";

/** "Binding resource: MEMORY_MB (named in 34 of 40 rejected requests)". */
export function bindingLine(b: BindingResource): string {
  return `Binding resource: ${b.class} (${b.reason})`;
}
