/**
 * The production state (scenario `initialServers:`, issue 19): servers alive at time 0 on their hosts,
 * placed in id order before every other event (a host disabled at 0 ms still gets its servers), out of
 * the measured metrics; residual lifetimes from a named stream; every bad reference reported.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import type { RunSpec } from "../resolve/run-spec.js";
import { runScenario } from "./runner.js";

const scenario = (initial: string, extra = "") => `kind: Scenario
name: prod
model: model.yaml
seed: 5
stop: { horizon: 1d }
workload: { requests: [] }
${extra}initialServers:
${initial}
output: { trace: true }
`;

function load(text: string): RunSpec {
  const r = loadScenario(memoryReader({ "s.yaml": text, "model.yaml": TINY_MODEL }), "s.yaml", () => undefined);
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return r.value;
}

function errors(text: string): string[] {
  const r = loadScenario(memoryReader({ "s.yaml": text, "model.yaml": TINY_MODEL }), "s.yaml", () => undefined);
  return r.ok ? [] : r.issues.map(formatInputIssue);
}

const TWO = `  servers:
    - { id: vm-b, tenant: t1, flavour: big, host: az2-r1-h002 }
    - { id: vm-a, tenant: t1, flavour: small, host: az1-r1-h003 }`;

describe("initialServers", () => {
  it("places every server on its host at time 0, in id order, before a host event of the same time", () => {
    const result = runScenario(load(scenario(TWO, "hostEvents: [{ at: 0ms, hosts: [az2-r1-h002], enabled: false }]\n")));
    const placed = result.records.filter((r) => r.op === "schedule.ok").map((r) => [r.timeMs, (r.after as { host: string; flavour: string }).host, (r.after as { flavour: string }).flavour]);
    expect(placed).toEqual([
      [0, "az1-r1-h003", "small"],
      [0, "az2-r1-h002", "big"],
    ]);
    const firstHostEvent = result.records.findIndex((r) => r.entity === "host");
    expect(firstHostEvent).toBeGreaterThan(result.records.findIndex((r) => r.op === "spawn.complete" && (r.after as { flavour: string }).flavour === "big"));
    expect(result.summary.servers.aliveAtEnd).toBe(2);
    // The starting point is not demand: no arrival, nothing measured.
    expect(result.summary.requests.arrivals).toBe(0);
    expect(result.summary.requests.measured).toBe(0);
  });

  it("residual lifetimes: drawn on initial-servers/residual, the same for the same seed, ended within the run", () => {
    const servers = Array.from({ length: 8 }, (_, i) => `    - { id: vm-${i}, tenant: t1, flavour: small, host: az1-r1-h00${1 + (i % 3)} }`).join("\n");
    const text = scenario(`  lifetime: residual\n  residualOf: { kind: exponential, mean: 2h }\n  servers:\n${servers}`);
    const ends = (spec: RunSpec) => runScenario(spec).records.filter((r) => r.op === "delete.complete" || r.op === "terminate").map((r) => r.timeMs);
    const a = ends(load(text));
    expect(a.length).toBeGreaterThan(0);
    expect(a).toEqual(ends(load(text)));
    expect(a).not.toEqual(ends({ ...load(text), seed: 6 }));
  });

  it("a production state over a tenant's quota runs (Nova lets quotas drop below usage): later requests are refused by quota", () => {
    const model = TINY_MODEL.replace("  - { id: t1 }", "  - { id: t1, quotas: { instances: 1 } }");
    const text = scenario(TWO).replace("workload: { requests: [] }", "workload: { requests: [{ at: 1h, tenant: t1, flavour: small }] }");
    const r = loadScenario(memoryReader({ "s.yaml": text, "model.yaml": model }), "s.yaml", () => undefined);
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    // Invariant mode would stop the run at event 1 if usage ≤ limit were held as an invariant here.
    const result = runScenario({ ...r.value, output: { ...r.value.output, checkInvariantsEvery: 1 } });
    expect(result.summary.servers.aliveAtEnd).toBe(2);
    expect(result.summary.requests.rejectedByKind).toEqual({ QUOTA_EXCEEDED: 1 });
  });

  it("reports unknown tenants, flavours and hosts, duplicate ids, and a residual life without a distribution", () => {
    const bad = `  lifetime: residual
  servers:
    - { id: vm-a, tenant: t9, flavour: tiny, host: az9-r1-h001 }
    - { id: vm-a, tenant: t1, flavour: small, host: az1-r1-h001 }`;
    expect(errors(scenario(bad))).toEqual([
      "s.yaml:8:13: initialServers.lifetime: lifetime residual needs a lifetime distribution: give residualOf, or a workload stream whose lifetime it takes",
      's.yaml:10:27: initialServers.servers.0.tenant: unknown tenant "t9"; defined tenants: t1',
      's.yaml:10:40: initialServers.servers.0.flavour: unknown flavour "tiny"; defined flavours: big, small',
      's.yaml:10:52: initialServers.servers.0.host: unknown host "az9-r1-h001"; host ids look like az1-r1-h001',
      's.yaml:11:13: initialServers.servers.1.id: duplicate server id "vm-a" (first at initialServers.servers.0)',
    ]);
  });

  it("server groups of the production state: members join them at time 0, later requests of the group obey the policy", () => {
    const initial = `  groups: [{ id: web, policy: anti-affinity }]
  servers:
    - { id: vm-a, tenant: t1, flavour: small, host: az1-r1-h001, group: web }
    - { id: vm-b, tenant: t1, flavour: small, host: az1-r1-h002, group: web }`;
    const requests = `workload:
  requests:
    - { at: 1h, tenant: t1, flavour: small, zone: az1, group: { id: web, policy: anti-affinity } }
    - { at: 2h, tenant: t1, flavour: small, zone: az1, group: { id: web, policy: anti-affinity } }`;
    const result = runScenario(load(scenario(initial).replace("workload: { requests: [] }", requests)));
    const placed = result.records.filter((r) => r.op === "schedule.ok" && r.timeMs > 0).map((r) => (r.after as { host: string }).host);
    // az1 has three hosts; two hold members: the first request gets the third, the second none.
    expect(placed).toEqual(["az1-r1-h003"]);
    expect(result.summary.requests.rejectedByKind).toEqual({ NO_VALID_HOST: 1 });
  });

  it("reports an unknown group, a duplicate group and a request asking another policy of an existing group", () => {
    const initial = `  groups: [{ id: web, policy: anti-affinity }, { id: web, policy: affinity }]
  servers:
    - { id: vm-a, tenant: t1, flavour: small, host: az1-r1-h001, group: db }`;
    const text = scenario(initial).replace("workload: { requests: [] }", "workload: { requests: [{ at: 1h, tenant: t1, flavour: small, group: { id: web, policy: affinity } }] }");
    expect(errors(text)).toEqual([
      expect.stringMatching(/workload\.requests\.0\.group: server group "web" exists at time 0 \(initialServers\.groups\) with policy anti-affinity, maxPerHost 1; a request joining it must ask for the same/),
      expect.stringMatching(/initialServers\.groups\.1\.id: duplicate server group id "web"/),
      expect.stringMatching(/initialServers\.servers\.0\.group: unknown server group "db"; groups: web/),
    ]);
  });
});
