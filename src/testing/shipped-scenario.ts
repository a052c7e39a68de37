/** Shipped scenario files loaded for tests, by their path from the repository root. */
import { join } from "node:path";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, formatInputIssue, loadScenario, type RunSpec } from "../scenario/index.js";
import { REPO_ROOT } from "./cli-process.js";

/** The RunSpec of `file` (e.g. "scenarios/faults/zone-outage.yaml"); throws with the formatted issues when invalid. */
export function loadShipped(file: string): RunSpec {
  const r = loadScenario(nodeReader(REPO_ROOT), join(REPO_ROOT, file), checkPolicyRef);
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return r.value;
}
