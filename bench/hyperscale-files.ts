/**
 * The hyperscale region's files, whole or scaled down: models/hyperscale-region.yaml and
 * bench/hyperscale/hyperscale-region.yaml with the racks per zone and every arrival rate multiplied
 * by `scale` (0.1 = 20,000 hosts and about 100,000 servers alive), the horizon replaced when asked.
 * Written into `dir` as model.yaml and scenario.yaml for a run by path.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface HyperscaleOptions {
  /** Racks per zone and arrival rates times this (1 = the shipped files). */
  readonly scale: number;
  /** Replaces `stop: { horizon: 30d }`, e.g. "1ms" for the hosts alone. */
  readonly horizon?: string;
}

/** Writes model.yaml and scenario.yaml into `dir`; returns the scenario's path. */
export function writeHyperscaleFiles(repoRoot: string, dir: string, options: HyperscaleOptions): string {
  const racks = Math.max(1, Math.round(1000 * options.scale));
  const model = readFileSync(path.join(repoRoot, "models/hyperscale-region.yaml"), "utf8").replaceAll("rackTemplate: { count: 1000,", `rackTemplate: { count: ${racks},`);
  let scenario = readFileSync(path.join(repoRoot, "bench/hyperscale/hyperscale-region.yaml"), "utf8")
    .replace("model: ../../models/hyperscale-region.yaml", "model: model.yaml")
    .replace(/rate: (\d+)\/h/g, (_, rate: string) => `rate: ${(Number(rate) * options.scale).toFixed(3)}/h`);
  if (options.horizon !== undefined) scenario = scenario.replace("stop: { horizon: 30d }", `stop: { horizon: ${options.horizon} }`);
  writeFileSync(path.join(dir, "model.yaml"), model);
  const file = path.join(dir, "scenario.yaml");
  writeFileSync(file, scenario);
  return file;
}
