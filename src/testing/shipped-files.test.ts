/**
 * Every scenario and model shipped in scenarios/ and models/ loads without an issue, and the small
 * placement scenarios give the answers their comments promise.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { checkPolicyRef, formatInputIssue, loadModel, loadScenario, runScenario, type RunSpec } from "../scenario/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const reader = nodeReader(ROOT);

/** Every YAML file below `dir`, as `nfvtwin run <folder>` expands folders (.yaml and .yml). */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function load(file: string): RunSpec {
  const r = loadScenario(reader, join(ROOT, file), checkPolicyRef);
  if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
  return r.value;
}

describe("shipped files", () => {
  for (const file of yamlFiles(join(ROOT, "models"))) {
    it(`model ${reader.display(file)} loads`, () => {
      const r = loadModel(reader, file);
      expect(r.ok ? [] : r.issues.map(formatInputIssue)).toEqual([]);
    });
  }
  for (const file of yamlFiles(join(ROOT, "scenarios"))) {
    it(`scenario ${reader.display(file)} loads`, () => {
      const r = loadScenario(reader, file, checkPolicyRef);
      expect(r.ok ? [] : r.issues.map(formatInputIssue)).toEqual([]);
    });
  }

  // Life-cycle scenarios script operations; each must run with every expectation met.
  for (const file of yamlFiles(join(ROOT, "scenarios/lifecycle"))) {
    it(`lifecycle ${reader.display(file)} meets its expectations`, () => {
      const result = runScenario(load(reader.display(file)));
      expect(result.expectations.length).toBeGreaterThan(0);
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
      expect(Object.keys(result.summary.operations ?? {}).length).toBeGreaterThan(0);
    });
  }

  // Quota scenarios: every expectation met, and the quota view is in the summary.
  for (const file of yamlFiles(join(ROOT, "scenarios/quota"))) {
    it(`quota ${reader.display(file)} meets its expectations and reports quota usage per tenant`, () => {
      const result = runScenario(load(reader.display(file)));
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
      const quotas = result.summary.quotas ?? {};
      expect(Object.keys(quotas).sort()).toEqual(["cdn", "iot"]);
      // The usage sums agree with the limits' story: a tenant refused has reached one of its limits.
      for (const t of Object.values(quotas)) if (t.refusals > 0) expect(t.firstRefusalMs).not.toBeNull();
    });
  }

  // Regression scenarios carry their own `expect:` blocks: each must run with every expectation met.
  for (const file of yamlFiles(join(ROOT, "scenarios/regression"))) {
    it(`regression ${reader.display(file)} meets its expectations`, () => {
      const result = runScenario(load(reader.display(file)));
      expect(result.expectations.length).toBeGreaterThan(0);
      expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    });
  }

  // A small CCM scenario whose expectations pin the anti-affinity story its comments tell.
  it("ccm scenarios/ccm/pod-anti-affinity.yaml meets its expectations", () => {
    const result = runScenario(load("scenarios/ccm/pod-anti-affinity.yaml"));
    expect(result.expectations.length).toBe(11);
    expect(result.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
  });

  it("model sizes are what the README promises", () => {
    const hosts = (f: string) => {
      const r = loadModel(reader, join(ROOT, f));
      return r.ok ? r.value.hosts.length : -1;
    };
    expect(hosts("models/lab.yaml")).toBe(40);
    expect(hosts("models/regional.yaml")).toBe(2000);
    expect(hosts("models/large.yaml")).toBe(10000);
    expect(hosts("models/erlang-cloud.yaml")).toBe(1000);
  });

  // The hyperscale benchmark's scenario lives under bench/ (too long for `npm start` and for the tests
  // that run every shipped scenario), so nothing else loads it: it must keep up with the format.
  it("the hyperscale bench scenario loads, on the 200,000 hosts of models/hyperscale-region.yaml", () => {
    const spec = load("bench/hyperscale/hyperscale-region.yaml");
    expect(spec.model.hosts.length).toBe(200_000);
    expect(spec.streams.map((s) => s.id)).toEqual(["platform", "web", "batch"]);
    expect(spec.faults).toBeDefined();
  });

  it("anti-affinity-overflow: the hard group fails whole, the soft and max-per-host groups fit", () => {
    const result = runScenario(load("scenarios/placement/anti-affinity-overflow.yaml"));
    const r = result.summary.requests;
    // Four group requests: the hard group of 24 is one rejected request of 24 servers.
    expect(r.rejected).toBe(1);
    expect(r.placed).toBe(3);
    expect(r.rejectionRate).toBe(0.25);
    expect(result.summary.servers.rejected).toBe(24);
    expect(result.summary.servers.placed).toBe(52);
    expect(r.hostsRejectedByReason).toEqual({ "not in availability zone az2": 20, "server group anti-affinity": 20 });
    expect(result.explanations.map((x) => x.request)).toEqual([1, 3]);
    expect(result.explanations[0]!.outcome).toBe(
      "request rejected (NO_VALID_HOST) at member 21 of 24: 0/40 hosts available: 20 not in availability zone az2, 20 server group anti-affinity",
    );
  });

  it("maintenance-window: hosts in maintenance take no new servers, and rejections say so", () => {
    const result = runScenario(load("scenarios/placement/maintenance-window.yaml"));
    expect(result.summary.requests.hostsRejectedByReason["host in maintenance"]).toBeGreaterThan(0);
    expect(result.summary.requests.rejected).toBeGreaterThan(0);
  });

  it("overcommit: a higher VCPU ratio accepts at least as much of the same CPU-bound workload", () => {
    const rates = ["4x", "8x", "16x"].map((r) => runScenario(load(`scenarios/placement/lab-overcommit-${r}.yaml`)).summary.requests.rejectionRate);
    expect(rates[0]!).toBeGreaterThan(rates[1]!);
    expect(rates[1]!).toBeGreaterThanOrEqual(rates[2]!);
  });
});
