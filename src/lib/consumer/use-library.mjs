// A library user's script, run by package.test.ts from a scratch project where nfvtwin is installed
// from its packed tarball: it loads and runs a scenario, refuses a bad one with positions, and builds
// a VIM, through the package's exports only. It prints one JSON line of what it saw.
import { readFileSync } from "node:fs";
import { formatInputIssue, loadScenario, loadScenarioText, runScenario, Vim } from "nfvtwin";
import { Simulation } from "nfvtwin/kernel";
import { ComputeMetrics, EventLog } from "nfvtwin/metrics";
import { buildNfvi, makeSelector } from "nfvtwin/scenario";
import { ComputeService, ImageService, NetworkService, StorageService } from "nfvtwin/vim";

const seen = {};

// From the file system: paths in issues and the summary are relative to the working directory.
const loaded = loadScenario("scenario.yaml");
if (!loaded.ok) throw new Error(loaded.issues.map(formatInputIssue).join("\n"));
const result = runScenario(loaded.value);
seen.fileRun = { name: result.summary.scenario.name, arrivals: result.summary.requests.arrivals > 0, digest: result.summary.run.digest };

// From text: the same scenario, the model given in memory, the same run.
const fromText = loadScenarioText(readFileSync("scenario.yaml", "utf8"), { file: "scenario.yaml", files: { "model.yaml": readFileSync("model.yaml", "utf8") } });
seen.textDigest = fromText.ok ? runScenario(fromText.value).summary.run.digest : fromText.issues.map(formatInputIssue);

// A bad scenario is issues with positions, not an exception.
const bad = loadScenarioText("kind: Scenario\nname: x\ncolour: blue\n", { file: "bad.yaml" });
seen.badIssues = bad.ok ? "accepted" : bad.issues.map(formatInputIssue);

// The VIM façade over the scenario's model (docs/library.md).
const spec = loaded.value;
const sim = new Simulation();
const log = new EventLog({ keepRecords: false });
const nfvi = buildNfvi(spec.model);
const compute = new ComputeService(sim, nfvi, makeSelector(spec.policy, nfvi), log, new ComputeMetrics());
const network = new NetworkService(sim, log);
const storage = new StorageService(sim, log, spec.model.zones.map((z) => ({ zoneId: z.id, capacityGb: 1000 })));
const flavours = [...spec.model.flavours].map(([id, f]) => ({ id, amounts: f.amounts, requiredMetadata: f.requiredMetadata }));
const vim = new Vim({ clock: sim, log, nfvi, compute, network, storage, images: new ImageService(sim, log), flavours });
vim.seedTenant({ id: "t1", users: [{ id: "alice", roles: ["member"] }] });
const servers = vim.compute.allocate({ userId: "alice" }, { flavourId: "small", name: "web", bootTimeMs: 30_000 });
sim.run();
const alive = vim.compute.query({ userId: "alice" });
seen.allocated = servers.ok && alive.ok ? alive.value.map((s) => `${s.computeName} ${s.status}`) : "refused";

// Internals are not exported.
try {
  await import("nfvtwin/dist/src/vim/index.js");
  seen.internals = "importable";
} catch (e) {
  seen.internals = e.code;
}

console.log(JSON.stringify(seen));
