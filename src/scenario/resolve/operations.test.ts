/**
 * The `operations:` section: IFA actions resolved to VIM operations, bad input reported with its
 * position (exit 2 before the run), and a run that applies them deterministically.
 */
import { describe, expect, it } from "vitest";
import { TINY_MODEL, TINY_SCENARIO } from "../../testing/fixtures.js";
import { formatInputIssue } from "../load/input-issue.js";
import { loadScenario } from "../load/load-scenario.js";
import { memoryReader } from "../load/source-reader.js";
import { runScenario } from "../runner/runner.js";

const anyPolicy = () => undefined;
const withOperations = (section: string): string => `${TINY_SCENARIO.trimEnd()}\n${section}`;

function load(text: string) {
  return loadScenario(memoryReader({ "s.yaml": text, "model.yaml": TINY_MODEL }), "s.yaml", anyPolicy);
}
function errors(text: string): string[] {
  const r = load(text);
  return r.ok ? [] : r.issues.map(formatInputIssue);
}

describe("operations section", () => {
  it("maps IFA actions to the VIM's operations", () => {
    const r = load(
      withOperations(`operations:
  durations: { migrate.live: 45s }
  actions:
    - { at: 1h, computeId: vm-1, do: operate, operation: REBOOT, stopType: FORCEFUL }
    - { at: 2h, computeName: db, do: scale, flavour: big, confirm: manual }
  streams:
    - { rate: 2/h, do: migrate, migrationType: OFFLINE_MIGRATION, tenant: t1 }
`),
    );
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const o = r.value.operations;
    expect(o.actions.map((a) => [a.op, a.computeId ?? a.computeName, a.autoConfirm])).toEqual([
      ["reboot.hard", "vm-1", true],
      ["resize", "db", false],
    ]);
    expect(o.streams[0]).toMatchObject({ id: "ops1", op: "migrate.offline", tenant: "t1" });
    expect(o.durations["migrate.live"]).toEqual({ kind: "constant", value: 45_000 });
    expect(o.durations.stop).toEqual({ kind: "constant", value: 10_000 });
  });

  it("reports every bad action with its position", () => {
    const found = errors(
      withOperations(`operations:
  durations: { teleport: 5s }
  actions:
    - { at: 1h, computeId: vm-1, do: operate }
    - { at: 1h, computeId: server-1, do: scale, flavour: huge }
    - { at: 1h, computeId: vm-2, computeName: db, do: terminate, flavour: big }
  streams:
    - { rate: 1/h, do: migrate, tenant: nobody }
`),
    );
    expect(found).toEqual([
      expect.stringMatching(/^s\.yaml:\d+:\d+: operations\.durations\.teleport: unknown operation "teleport"/),
      expect.stringMatching(/operations\.actions\.0\.operation: do: operate needs an operation/),
      expect.stringMatching(/operations\.actions\.1\.computeId: "server-1" is not a compute id/),
      expect.stringMatching(/operations\.actions\.1\.flavour: unknown flavour "huge"/),
      expect.stringMatching(/operations\.actions\.2: name the server by computeId/),
      expect.stringMatching(/operations\.actions\.2\.flavour: flavour does not apply to do: terminate/),
      expect.stringMatching(/operations\.streams\.0\.migrationType: do: migrate needs migrationType/),
      expect.stringMatching(/operations\.streams\.0\.tenant: unknown tenant "nobody"/),
    ]);
  });

  it("checks stream windows and host drains", () => {
    const text = withOperations("operations:\n  streams: [{ rate: 1/h, do: operate, operation: STOP, from: 3h, until: 2h }]\n")
      .replace("workload:", "hostEvents:\n  - { at: 1h, zone: az1, state: UP, drain: LIVE_MIGRATION }\nworkload:");
    const found = errors(text).join("\n");
    expect(found).toMatch(/operations\.streams\.0\.until: until must be after from/);
    expect(found).toMatch(/hostEvents\.0\.drain: drain moves servers off hosts that placement no longer uses/);
  });

  it("checks tenant calls: the user, the call kind, names and references", () => {
    const model = (text: string): string => text.replace("  - { id: t1 }", "  - { id: t1, users: [{ id: u1, roles: [member] }] }");
    const decoding = errors(withOperations("operations:\n  calls:\n    - { at: 1h, as: u1, call: teleport }\n")).join("\n");
    expect(decoding).toMatch(/operations\.calls\.0: unknown or missing call; expected call to be one of: createNetwork, /);
    const r = loadScenario(
      memoryReader({
        "s.yaml": withOperations(`operations:
  calls:
    - { at: 1h, as: nobody, call: createNetwork, name: n, networkType: vlan }
    - { at: 1h, as: u1, call: createVolume, sizeGb: 5, zone: az9 }
`),
        "model.yaml": model(TINY_MODEL),
      }),
      "s.yaml",
      anyPolicy,
    );
    const found = r.ok ? "" : r.issues.map(formatInputIssue).join("\n");
    expect(found).toMatch(/operations\.calls\.0\.as: unknown user "nobody"; users of the model's tenants: u1/);
    expect(found).toMatch(/operations\.calls\.1\.zone: unknown zone "az9"/);
    expect(found).toMatch(/operations\.calls\.1\.name: createVolume needs a name/);
  });

  it("checks that every name a call refers to is made by some call or request of the file", () => {
    const model = (text: string): string => text.replace("  - { id: t1 }", "  - { id: t1, users: [{ id: u1, roles: [member] }] }");
    const r = loadScenario(
      memoryReader({
        "s.yaml": withOperations(`operations:
  calls:
    - { at: 1h, as: u1, call: createNetwork, name: net-a, networkType: vlan }
    - { at: 1h, as: u1, call: createPort, network: net-b }
    - { at: 1h, as: u1, call: createPort, network: net-a, name: p, count: 2 }
    - { at: 2h, as: u1, call: bindPort, name: p-2, computeName: ghost }
    - { at: 2h, as: u1, call: deleteVolume }
    - { at: 2h, as: u1, call: createServer, flavour: small, name: s1, keyPair: k, securityGroups: [web] }
    - { at: 3h, as: u1, call: operateServer, computeName: s1, do: operate }
    - { at: 3h, as: u1, call: createStack, name: st, resources: [{ type: server, name: m, flavour: huge }] }
`),
        "model.yaml": model(TINY_MODEL),
      }),
      "s.yaml",
      anyPolicy,
    );
    const found = r.ok ? "" : r.issues.map(formatInputIssue).join("\n");
    expect(found).toMatch(/operations\.calls\.1\.network: no call or request of this scenario makes a network named "net-b"; networks it makes: net-a/);
    expect(found).not.toMatch(/operations\.calls\.3\.name/); // p-2 is the second of `count: 2`
    expect(found).toMatch(/operations\.calls\.3\.computeName: no call or request of this scenario makes a server named "ghost"; servers it makes: m, s1/);
    expect(found).toMatch(/operations\.calls\.4\.name: deleteVolume needs a name \(the resource it acts on\)/);
    expect(found).toMatch(/operations\.calls\.5\.keyPair: no call or request of this scenario makes a key pair named "k"/);
    expect(found).toMatch(/operations\.calls\.5\.securityGroups\.0: no call or request of this scenario makes a security group named "web"/);
    expect(found).toMatch(/operations\.calls\.6\.operation: do: operate needs an operation/);
    expect(found).toMatch(/operations\.calls\.7\.resources\.0\.flavour: unknown flavour "huge"/);
  });

  it("lets the VIM's administrator change quotas and refuses negative limits and unknown tenants at load", () => {
    const model = (text: string): string => text.replace("  - { id: t1 }", "  - { id: t1, users: [{ id: u1, roles: [member] }] }");
    const r = loadScenario(
      memoryReader({
        "s.yaml": withOperations(`operations:
  calls:
    - { at: 1h, as: admin, call: updateQuota, tenant: t1, limits: { cores: -5, instances: 3 } }
    - { at: 1h, as: admin, call: deleteQuota, tenant: t9 }
`),
        "model.yaml": model(TINY_MODEL),
      }),
      "s.yaml",
      anyPolicy,
    );
    const found = r.ok ? "" : r.issues.map(formatInputIssue).join("\n");
    expect(found).toMatch(/operations\.calls\.0\.limits\.cores: a quota limit is a count, or -1 for unlimited; got -5/);
    expect(found).not.toMatch(/calls\.0\.as/);
    expect(found).toMatch(/operations\.calls\.1\.tenant: unknown tenant "t9"/);
  });

  it("refuses an action stream that would never end", () => {
    const text = withOperations("operations:\n  streams: [{ rate: 1/h, do: operate, operation: STOP }]\n").replace("horizon: 6h", "arrivals: 50");
    expect(errors(text).join("\n")).toMatch(/operations\.streams\.0: an action stream needs stop\.horizon, until or maxActions/);
  });

  it("applies the actions in a run, counts refusals as outcomes, and gives the same summary twice", () => {
    const text = withOperations(`operations:
  streams:
    - { id: stops, rate: 4/h, do: operate, operation: STOP }
    - { id: starts, rate: 4/h, do: operate, operation: START }
    - { id: moves, rate: 6/h, do: migrate, migrationType: LIVE_MIGRATION }
  actions:
    - { at: 30m, computeId: vm-99999, do: operate, operation: PAUSE }
`);
    const r = load(text);
    if (!r.ok) throw new Error(r.issues.map(formatInputIssue).join("\n"));
    const a = runScenario(r.value);
    const b = runScenario(r.value);
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(b.summary));
    const ops = a.summary.operations!;
    expect(ops["pause"]!.actions).toEqual({ NOT_FOUND: 1 });
    expect(ops["stop"]!.actions["accepted"]).toBeGreaterThan(0);
    expect(ops["migrate-live"]!.tasks["started"]).toBe(ops["migrate-live"]!.actions["accepted"]);
    // A stopped server is never a START target's refusal: streams draw only servers the action is legal for.
    expect(ops["start"]!.actions["WRONG_STATE"] ?? 0).toBe(0);
    // Refusals are records of the log too (with --trace: their kind and message).
    const traced = runScenario({ ...r.value, output: { ...r.value.output, trace: true } });
    const refusals = traced.records.filter((x) => x.entity === "refusal");
    expect(refusals.map((x) => `${x.id} ${x.op}`)).toContain("vm-99999 pause:NOT_FOUND");
    expect(traced.summary.run.digest).toBe(a.summary.run.digest);
  });
});
