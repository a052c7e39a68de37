/** Builds in-memory scenario and model files for tests, and loads them into RunSpecs. */
import { checkPolicyRef, formatInputIssue, loadScenario, memoryReader, type RunSpec } from "../scenario/index.js";

/** Loads `scenario` (YAML) against `model` (YAML); throws with the formatted issues when invalid. */
export function specFrom(scenario: string, model: string, seed?: number): RunSpec {
  const loaded = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", checkPolicyRef, seed);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatInputIssue).join("\n"));
  return loaded.value;
}

/** A model of `hosts` identical hosts with `vcpus` vCPUs each at ratio 1.0, nothing reserved, one 1-vCPU flavour. */
export function slotModel(hosts: number, vcpus: number): string {
  return `kind: InfrastructureModel
name: slots
profiles:
  - id: p
    cpu: { sockets: 1, coresPerSocket: ${vcpus} }
    memoryMb: 1048576
    diskGb: 100000
    reserved: { VCPU: 0, MEMORY_MB: 0, DISK_GB: 0 }
    allocationRatios: { VCPU: 1.0 }
zones:
  - id: az1
    racks: [{ id: r1, hosts: [{ profile: p, count: ${hosts} }] }]
flavours:
  - { id: one, vcpus: 1, ramMb: 1, diskGb: 0 }
tenants:
  - { id: t }
`;
}

/**
 * A policy comparison on a slot model (`slotModel`): one tenant `t` asking for flavour `one` at 170/h
 * for `horizon`, with the given `variants:` entries (YAML lines) and any further top-level `extra`.
 */
export function comparisonScenario(o: { readonly name: string; readonly horizon: string; readonly variants: string; readonly extra?: string }): string {
  return `kind: Scenario
name: ${o.name}
model: model.yaml
seed: 3
stop: { horizon: ${o.horizon} }
workload:
  streams:
    - tenant: t
      arrivals: { kind: poisson, rate: 170/h }
      flavours: { one: 1 }
      lifetime: { kind: exponential, mean: 1h }
variants:
${o.variants}${o.extra ?? ""}`;
}

/**
 * The load problems (formatted, with positions) of a scenario on `model` with these `reservations:`
 * entries (YAML lines, from line 6), workload `requests` and, when given, `operations.calls` lines.
 */
export function reservationLoadErrors(model: string, reservations: string, requests: string, calls?: string): string[] {
  const scenario = `kind: Scenario
name: r
model: model.yaml
stop: { horizon: 10h }
reservations:
${reservations}
workload:
  requests:
${requests}
${calls === undefined ? "" : `operations:
  calls:
${calls}
`}`;
  const r = loadScenario(memoryReader({ "s.yaml": scenario, "model.yaml": model }), "s.yaml", () => undefined);
  return r.ok ? [] : r.issues.map(formatInputIssue);
}
