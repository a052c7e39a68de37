/**
 * The model's network configuration end to end: the shipped site-network-pools scenario meets the
 * expectations that only the model's /22 and 16-id VLAN block can meet, its summary and reports show
 * the model's pools; a run's network service is built from the model; the load-time reservation checks
 * use the model's pool sizes; bad input is exit 2 with positions; and models without the section keep
 * main's digests and get no new section.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeReader } from "../cli/node-reader.js";
import { networkPoolsSection } from "../report/html/network-pools-html.js";
import { runMarkdown } from "../report/index.js";
import { checkPolicyRef, formatInputIssue, loadModel, loadScenario, memoryReader, runScenario } from "../scenario/index.js";
import { networkService } from "../scenario/runner/network-pools-run.js";
import { modelDigest } from "../scenario/runner/run-digest.js";
import { ComputeMetrics, EventLog } from "../metrics/index.js";
import { Simulation } from "../kernel/index.js";
import { ComputeService, ImageService, publicIpView, StorageService, Vim } from "../vim/index.js";
import { policySelector, smallNfvi } from "./small-vim.js";
import { refusedRunLines, REPO_ROOT, shippedText } from "./cli-process.js";
import { loadShipped } from "./shipped-scenario.js";

const FILE = "scenarios/reservation/site-network-pools.yaml";
const CARRIER = shippedText("models/carrier-site.yaml");
const RESERVATION_SITE = shippedText("models/reservation-site.yaml");

describe("site-network-pools (models/carrier-site.yaml)", () => {
  it("meets its expectations, the same on every run, and shows the model's pools", () => {
    const spec = loadShipped(FILE);
    const a = runScenario(spec);
    expect(a.expectations.length).toBeGreaterThan(0);
    expect(a.expectations.filter((e) => !e.passed).map((e) => e.text)).toEqual([]);
    expect(a.summary.networkPools).toEqual({
      external: { networkId: "provider-public", cidr: "198.51.100.0/22" },
      publicIps: { total: 1021, inUseAtEnd: 721 },
      vlan: { min: 3000, max: 3015, total: 16, inUseAtEnd: 6 },
      vxlan: { min: 5000, max: 9999, total: 5000, inUseAtEnd: 0 },
      flatNetworks: ["physnet1", "physnet2"],
    });
    expect(runScenario(spec).summary.run.digest).toBe(a.summary.run.digest);
    const md = runMarkdown(a);
    expect(md).toContain("## Network pools");
    expect(md).toContain("| public IPs (provider-public) | 198.51.100.0/22 | 1021 | 721 |");
    expect(md).toContain("| VLAN ids | 3000-3015 | 16 | 6 |");
    expect(networkPoolsSection(a.summary).join("")).toContain("198.51.100.0/22");
  });

  it("a run's network service takes public IPs and VLAN ids from the model's pools", () => {
    const spec = loadShipped(FILE);
    const network = networkService(spec.model, { nowMs: 0 }, new EventLog({ keepRecords: false }));
    const ip = network.allocatePublicIp({ tenantId: "nfv" });
    if (!ip.ok) throw new Error(ip.error.message);
    // The first host address (198.51.100.1) is the router gateway.
    expect(publicIpView(ip.value)).toMatchObject({ floatingNetworkId: "provider-public", address: "198.51.100.2" });
    const net = network.createNetwork({ tenantId: "nfv", networkType: "vlan" });
    expect(net.ok && net.value.segmentationId).toBe(3000);
    const outside = network.createNetwork({ tenantId: "nfv", networkType: "vlan", segmentationId: 100 });
    expect(outside.ok ? "accepted" : outside.error.kind).toBe("INVALID_ARGUMENT");
    const flat = network.createNetwork({ tenantId: "nfv", networkType: "flat", physicalNetwork: "physnet2" });
    expect(flat.ok && flat.value.physicalNetwork).toBe("physnet2");
  });
});

describe("QueryResourceCapacity on a VIM built from the model", () => {
  it("gives the model's public IP and VLAN totals", () => {
    const spec = loadShipped(FILE);
    const sim = new Simulation();
    const log = new EventLog({ keepRecords: false });
    const nfvi = smallNfvi([]);
    const vim = new Vim({
      clock: sim, log, nfvi, compute: new ComputeService(sim, nfvi, policySelector(nfvi), log, new ComputeMetrics()),
      network: networkService(spec.model, sim, log), storage: new StorageService(sim, log, []), images: new ImageService(sim, log),
    });
    const total = (q: Parameters<typeof vim.capacity.queryResource>[1]): number => {
      const r = vim.capacity.queryResource(vim.admin, q);
      if (!r.ok) throw new Error(r.error.message);
      return r.value.totalCapacity;
    };
    expect(total({ resourceType: "publicIps" })).toBe(1021);
    expect(total({ resourceType: "segments", segmentType: "vlan" })).toBe(16);
    expect(total({ resourceType: "segments", segmentType: "vxlan" })).toBe(5000);
  });
});

describe("load-time network reservation checks use the model's pools", () => {
  const scenario = (model: string, publicIps: number, segments: number) =>
    shippedText(FILE)
      .replace("../../models/carrier-site.yaml", model)
      .replace("network: { publicIps: 300, segments: 10 }", `network: { publicIps: ${publicIps}, segments: ${segments} }`);
  const errors = (text: string, model: string): string[] => {
    const r = loadScenario(memoryReader({ "s.yaml": text, "model.yaml": model }), "s.yaml", checkPolicyRef);
    return r.ok ? [] : r.issues.map(formatInputIssue);
  };

  it("the site's /22 admits 1021 public IPs and its VLAN block 16 ids, not one more", () => {
    expect(errors(scenario("model.yaml", 1021, 16), CARRIER)).toEqual([]);
    expect(errors(scenario("model.yaml", 1022, 17), CARRIER)).toEqual([
      "s.yaml:19:85: reservations.0.network.publicIps: the reservation asks 1022 public IPs, more than the 1021 of the external network's pool",
      "s.yaml:19:101: reservations.0.network.segments: the reservation asks 17 vlan segmentation ids, more than the 16 of the provider's range",
    ]);
  });

  it("a flat network names one of the model's physical networks, and only a flat network names one", () => {
    const text = scenario("model.yaml", 300, 10)
      .replace("name: dp, networkType: flat, physicalNetwork: physnet2", "name: dp, networkType: flat, physicalNetwork: physnet3")
      .replace("name: legacy, networkType: vlan, segmentationId: 100", "name: legacy, networkType: vlan, physicalNetwork: physnet1");
    expect(errors(text, CARRIER)).toEqual([
      "s.yaml:32:101: operations.calls.4.physicalNetwork: physicalNetwork is for flat networks; a vlan network takes a segmentation id",
      's.yaml:33:97: operations.calls.5.physicalNetwork: unknown physical network "physnet3"; did you mean "physnet1"? the model\'s flat networks: physnet1, physnet2',
    ]);
  });

  it("a model without the section keeps the defaults: 300 public IPs do not fit 253, physnet2 is not a flat network", () => {
    expect(errors(scenario("model.yaml", 300, 10), RESERVATION_SITE)).toEqual([
      "s.yaml:19:85: reservations.0.network.publicIps: the reservation asks 300 public IPs, more than the 253 of the external network's pool",
      's.yaml:33:97: operations.calls.5.physicalNetwork: unknown physical network "physnet2"; did you mean "physnet1"? the model\'s flat networks: physnet1',
    ]);
  });
});

describe("models without a network section", () => {
  it("keep the model digests they had on main", () => {
    const reader = nodeReader(REPO_ROOT);
    const digest = (file: string): string => {
      const m = loadModel(reader, join(REPO_ROOT, file));
      if (!m.ok) throw new Error(m.issues.map(formatInputIssue).join("\n"));
      expect(m.value.network).toBeUndefined();
      return modelDigest(m.value);
    };
    // Computed on main before the section existed.
    expect(digest("models/lab.yaml")).toBe("0dce26151c522701d084c2b46b63b0ed0c80ec5a581cbfda3cf12e50dc819ef4");
    expect(digest("models/reservation-site.yaml")).toBe("9d8726f84073ba7ef27559be2f09b05f3ce0019b6368e7bbecdde50c147f7705");
    expect(digest("models/edge-site.yaml")).toBe("2ed60d6d637a8c346d10a732ffaa255ed9d4a16ae11ea8d4b4807edb884040e7");
  });

  it("get no networkPools section and no Network pools table", () => {
    const a = runScenario(loadShipped("scenarios/reservation/network-lease.yaml"));
    expect(a.summary.networkPools).toBeUndefined();
    expect(runMarkdown(a)).not.toContain("Network pools");
  });
});

describe("a bad network section at the command line", () => {
  it("is exit 2 with every problem at its position, nothing written", () => {
    const model = CARRIER.replace("cidr: 198.51.100.0/22", "cidr: 198.51.100.0/31").replace("vlan: [3000, 3015]", "vlan: [3015, 3000]");
    expect(refusedRunLines({ "models/carrier-site.yaml": model, "s/r/pools.yaml": shippedText(FILE) }, "s/r/pools.yaml")).toEqual([
      "s/r/pools.yaml:15:8: model: the model file models/carrier-site.yaml has errors (listed below)",
      "models/carrier-site.yaml:11:42: network.external.cidr: '198.51.100.0/31' leaves no address for the pool (the network, broadcast and gateway addresses are not allocatable)",
      "models/carrier-site.yaml:12:25: network.segmentation.vlan: a vlan range is [min, max] with min ≤ max; got [3015, 3000]",
    ]);
  });
});
