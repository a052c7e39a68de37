/**
 * The e2e scenario as the in-process benches read it: `scenarios/placement/erlang-loss.yaml` with its
 * model named `model.yaml` (a sibling file, or the model text handed to specFrom beside it).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export interface ErlangFiles {
  readonly scenario: string;
  readonly model: string;
}

export function erlangFiles(repoRoot: string): ErlangFiles {
  const scenario = readFileSync(path.join(repoRoot, "scenarios", "placement", "erlang-loss.yaml"), "utf8");
  const local = scenario.replace("model: ../../models/erlang-cloud.yaml", "model: model.yaml");
  if (local === scenario) throw new Error("erlang-loss.yaml no longer names ../../models/erlang-cloud.yaml: update bench/erlang-files.ts");
  return { scenario: local, model: readFileSync(path.join(repoRoot, "models", "erlang-cloud.yaml"), "utf8") };
}
