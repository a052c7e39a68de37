/** The command tree: names, arguments, flags and help texts; handlers live in handlers.ts. */
import * as Effect from "effect/Effect";
import * as Option from "effect/Option";
import { Argument, Command, Flag } from "effect/cli";

// The handlers (and the whole simulator behind them) load only when a command runs, so `--help` and
// `--version` start fast.
const handlers = Effect.promise(() => import("./handlers.js"));

export const VERSION = "0.1.0";

/** Events between invariant checks for a bare `--check-invariants`. */
const DEFAULT_CHECK_EVERY = 1000;

const seedFlag = Flag.Int("seed").pipe(
  Flag.optional,
  Flag.withDescription("base seed (an integer); replaces the scenario's seed"),
);
const maxHeapFlag = Flag.Int("max-heap-mb").pipe(
  Flag.filter((mb) => mb >= 1, (mb) => `--max-heap-mb must be at least 1, got ${mb}`),
  Flag.optional,
  Flag.withDescription("heap limit of each simulation thread in MiB (default: this process's, which node's --max-old-space-size sets); a run that reaches it stops with exit 3"),
);
const quietFlag = Flag.Boolean("quiet").pipe(Flag.withDefault(false), Flag.withDescription("print nothing but errors"));

const run = Command.make(
  "run",
  {
    scenarios: Argument.String("scenario").pipe(
      Argument.variadic({ min: 1 }),
      Argument.withDescription("scenario files, or folders searched for *.yaml (model files in them, kind: InfrastructureModel, are skipped)"),
    ),
    seed: seedFlag,
    out: Flag.String("out").pipe(Flag.withDefault("reports"), Flag.withDescription("output folder (one sub-folder per scenario)")),
    quiet: quietFlag,
    trace: Flag.Boolean("trace").pipe(Flag.withDefault(false), Flag.withDescription("also write the full event log (events.jsonl)")),
    workers: Flag.Int("workers").pipe(
      Flag.optional,
      Flag.withDescription("worker threads for replications and variants (default: every core); outputs do not depend on it"),
    ),
    replications: Flag.Int("replications").pipe(
      Flag.optional,
      Flag.withDescription("independent replications on seeds derived from the base seed (replaces the scenario's)"),
    ),
    shard: Flag.String("shard").pipe(
      Flag.optional,
      Flag.withDescription("I/N: run only plan items k with k mod N = I - 1 (1 <= I <= N) and write <out>/<scenario>/shard.json for `nfvtwin merge`"),
    ),
    checkInvariants: Flag.Int("check-invariants").pipe(
      Flag.withMetavar("EVERY"),
      Flag.withOptionalValue(String(DEFAULT_CHECK_EVERY)),
      Flag.optional,
      Flag.withDescription(
        `run every invariant checker after each EVERY events (default ${DEFAULT_CHECK_EVERY}) and at the end; a broken invariant exits 3 naming it, the scenario, the seed and the event number, and writes the event log up to it to <out>/<scenario>.invariant-violation/events.jsonl. Outputs do not depend on it`,
      ),
    ),
    maxHeapMb: maxHeapFlag,
    skipBadRows: Flag.Boolean("skip-bad-rows").pipe(
      Flag.withDefault(false),
      Flag.withDescription("replayed traces: count malformed rows (summary.json traces.<id>.badRowsSkipped) and skip them, instead of refusing the scenario with each row's file:line (exit 2)"),
    ),
  },
  (c) => Effect.flatMap(handlers, (h) => h.runHandler({
        ...c,
        seed: Option.getOrUndefined(c.seed),
        replications: Option.getOrUndefined(c.replications),
        workers: Option.getOrElse(c.workers, () => h.defaultWorkers()),
        shard: Option.getOrUndefined(c.shard),
        checkInvariants: Option.getOrUndefined(c.checkInvariants),
        maxHeapMb: Option.getOrUndefined(c.maxHeapMb),
      })),
).pipe(
  Command.withDescription(
    "Run scenarios and write one report folder per scenario under --out: a single run writes summary.json, timeseries.csv, report.md, report.html, " +
      "junit.xml (when the scenario has expectations), explain.json (when output.explainRequests names requests), events.jsonl (with --trace) " +
      "and nfvtwin-report.json (the manifest); replications write replications.json, replications.csv, report.md, report.html and rep-NN/ folders; " +
      "variants comparison.json and comparison.csv; a sweep sweep.json and sweep.csv; --shard I/N writes shard.json only",
  ),
);

const validate = Command.make(
  "validate",
  {
    files: Argument.String("file").pipe(Argument.variadic({ min: 1 }), Argument.withDescription("scenario or model files, or folders")),
    quiet: quietFlag,
  },
  (c) => Effect.flatMap(handlers, (h) => h.validateHandler(c)),
).pipe(Command.withDescription("Check scenario and model files without running them"));

const schema = Command.make(
  "schema",
  {
    which: Argument.Literals("which", ["scenario", "model"]).pipe(
      Argument.optional,
      Argument.withDescription("scenario or model: print that file kind's schema (default: both, as one JSON object)"),
    ),
    out: Flag.String("out").pipe(Flag.optional, Flag.withDescription("write scenario.schema.json and model.schema.json into this folder")),
  },
  (c) => Effect.flatMap(handlers, (h) => h.schemaHandler({ which: Option.getOrUndefined(c.which), out: Option.getOrUndefined(c.out) })),
).pipe(Command.withDescription("Print the strict JSON Schema (draft 2020-12) of scenario and model files, for editor completion and typo checks (docs/editor.md)"));

const explain = Command.make(
  "explain",
  {
    scenario: Argument.String("scenario").pipe(Argument.withDescription("scenario file")),
    request: Flag.Int("request").pipe(Flag.optional, Flag.withDescription("request number (1-based, in arrival order; a request is one arrival of one or more servers)")),
    rejected: Flag.Boolean("rejected").pipe(Flag.withDefault(false), Flag.withDescription("run the whole scenario and list the rejected requests (number, time, tenant, flavour, reason) instead")),
    seed: seedFlag,
    json: Flag.Boolean("json").pipe(Flag.withDefault(false), Flag.withDescription("print JSON instead of text")),
    maxHeapMb: maxHeapFlag,
  },
  (c) => Effect.flatMap(handlers, (h) => h.explainHandler({ ...c, request: Option.getOrUndefined(c.request), seed: Option.getOrUndefined(c.seed), maxHeapMb: Option.getOrUndefined(c.maxHeapMb) })),
).pipe(Command.withDescription("Show which filter removed which hosts, and the weigher scores, for one request (--request N); or list the rejected requests (--rejected)"));

const merge = Command.make(
  "merge",
  {
    out: Argument.String("out").pipe(Argument.withDescription("output folder (one sub-folder per scenario, as `run --out` writes)")),
    shards: Argument.String("shard-dir").pipe(
      Argument.variadic({ min: 1 }),
      Argument.withDescription("the --out folders of `run --shard I/N` (or a scenario folder holding shard.json)"),
    ),
    quiet: quietFlag,
  },
  (c) => Effect.flatMap(handlers, (h) => h.mergeHandler(c)),
).pipe(Command.withDescription("Join the shard.json files of `run --shard I/N` into the reports a single run writes (byte-identical)"));

const fit = Command.make(
  "fit",
  {
    trace: Argument.String("trace").pipe(Argument.withDescription("a demand trace file (docs/traces.md)")),
    format: Flag.Literals("format", ["azure-v2", "azure-packing", "huawei", "alibaba", "swf", "csv"]).pipe(Flag.withDescription("the trace's format: azure-v2 (vmtable.csv), azure-packing (Azure Packing 2020 SQLite), huawei, alibaba (container_meta.csv), swf, csv (generic, with a header)")),
    out: Flag.String("out").pipe(Flag.optional, Flag.withDescription("write the workload section (YAML) here and the comparison report beside it as <name>.md (default: the YAML on stdout)")),
    model: Flag.String("model").pipe(Flag.optional, Flag.withDescription("an infrastructure model file: the flavour mix names its smallest fitting flavours (default: exact-size flavour ids)")),
    tenant: Flag.String("tenant").pipe(Flag.withDefault("trace"), Flag.withDescription("the model tenant the fitted stream names (default trace)")),
    machineRamGb: Flag.Finite("machine-ram-gb").pipe(Flag.optional, Flag.withDescription("alibaba: the memory of a machine in GB, which mem_size is a percentage of (default 100)")),
    machineVcpus: Flag.Int("machine-vcpus").pipe(Flag.optional, Flag.withDescription("azure-packing: vCPUs of the machine whose fractions the vmType sizes are (with --machine-memory-gb)")),
    machineMemoryGb: Flag.Finite("machine-memory-gb").pipe(Flag.optional, Flag.withDescription("azure-packing: memory of that machine in GB")),
    machineId: Flag.Int("machine-id").pipe(Flag.optional, Flag.withDescription("azure-packing: the vmType machineId whose fractions are used (default: the lowest of each vmTypeId)")),
    skipBadRows: Flag.Boolean("skip-bad-rows").pipe(Flag.withDefault(false), Flag.withDescription("count and skip malformed rows instead of refusing the trace with each row's file:line (exit 2)")),
    quiet: quietFlag,
  },
  (c) =>
    Effect.flatMap(handlers, (h) =>
      h.fitHandler({
        ...c, out: Option.getOrUndefined(c.out), model: Option.getOrUndefined(c.model), machineRamGb: Option.getOrUndefined(c.machineRamGb),
        machineVcpus: Option.getOrUndefined(c.machineVcpus), machineMemoryGb: Option.getOrUndefined(c.machineMemoryGb), machineId: Option.getOrUndefined(c.machineId),
      }),
    ),
).pipe(
  Command.withDescription(
    "Fit a synthetic workload to a demand trace: a daily arrival profile (hour of day, day of week), the lifetime distribution (lognormal or Weibull by maximum likelihood, or empirical, by Kolmogorov–Smirnov distance), the flavour mix and group sizes; writes a workload section and a Markdown comparison",
  ),
);

const importOpenStack = Command.make(
  "openstack",
  {
    placementUrl: Flag.String("placement-url").pipe(Flag.optional, Flag.withDescription("Placement API endpoint, e.g. http://controller:8778 (token from OS_TOKEN or --os-cloud, never printed; microversion 1.39)")),
    placementDir: Flag.String("placement-dir").pipe(Flag.optional, Flag.withDescription("a folder of recorded Placement answers ({request, microversion, response} JSON files), instead of --placement-url")),
    osCloud: Flag.String("os-cloud").pipe(
      Flag.optional,
      Flag.withDescription(
        "a cloud of clouds.yaml (OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml): its token, or a token Keystone issues for its password; Placement at --placement-url, else its placement_endpoint_override, else Keystone's catalog",
      ),
    ),
    novaDir: Flag.String("nova-dir").pipe(Flag.optional, Flag.withDescription("a folder of Nova answers as JSON: flavors/detail (with extra_specs), os-aggregates, os-hypervisors/detail, os-server-groups")),
    novaConf: Flag.String("nova-conf").pipe(Flag.optional, Flag.withDescription("a nova.conf: enabled_filters and weigher multipliers become the scenario's policy; the rest is listed in the report")),
    outModel: Flag.String("out-model").pipe(Flag.withDescription("the model file to write (an InfrastructureModel); the import report goes beside it as <name>.import.md")),
    outScenario: Flag.String("out-scenario").pipe(Flag.optional, Flag.withDescription("the scenario stub to write: the site's servers alive at time 0 (default <name>.scenario.yaml beside the model)")),
    name: Flag.String("name").pipe(Flag.optional, Flag.withDescription("the model's name (default: the model file's name)")),
  },
  (c) =>
    Effect.flatMap(
      Effect.promise(() => import("./import-openstack.js")),
      (m) =>
        m.importOpenStackHandler({
          placementUrl: Option.getOrUndefined(c.placementUrl),
          placementDir: Option.getOrUndefined(c.placementDir),
          osCloud: Option.getOrUndefined(c.osCloud),
          novaDir: Option.getOrUndefined(c.novaDir),
          novaConf: Option.getOrUndefined(c.novaConf),
          outModel: c.outModel,
          outScenario: Option.getOrUndefined(c.outScenario),
          name: Option.getOrUndefined(c.name),
        }),
    ),
).pipe(
  Command.withDescription(
    "Import an OpenStack site: Placement's providers, inventories, traits, aggregates and allocations (and Nova's flavours, aggregates, hypervisors, nova.conf) " +
      "become a model, a scenario running its servers from time 0, and an import report listing everything not mapped (docs/import.md)",
  ),
);

const importCommand = Command.make("import").pipe(
  Command.withDescription("Import what you already have: an OpenStack site (import openstack)"),
  Command.withSubcommands([importOpenStack]),
);

export const rootCommand = Command.make("nfvtwin").pipe(
  Command.withDescription("nfvtwin: a deterministic discrete-event digital twin of an NFV cloud (NFVI + VIM)"),
  Command.withSubcommands([run, validate, schema, explain, merge, fit, importCommand]),
);
