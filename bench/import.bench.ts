/**
 * Import of a large site, whole process (issue 19 target: a 2,000-provider Placement under 30 s).
 * Starts the real Placement of the tests (Debian's python3-placement, SQLite, noauth2, loopback;
 * src/testing/placement-server.ts) with WORKERS processes as a deployment runs it, builds a site through its API (setup, not measured), then times
 * `nfvtwin import openstack --placement-url` from spawn to exit.
 *
 * The site: ROOTS compute nodes (VCPU/MEMORY_MB/DISK_GB, one of 8 rack aggregates each, every 4th also
 * in an "ssd" aggregate, AVX2 on all, a custom trait on every 10th, every 100th disabled), a nested
 * VGPU provider under every 20th root, and SERVERS_PER_ROOT servers per root (every 20th root's first
 * server also holds a vGPU on its child), in 10 projects.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPlacementServer, type PlacementServer } from "../src/testing/placement-server.js";
import { seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess, type ProcessTiming } from "./timing.js";

const SERVERS_PER_ROOT = 2;
/** Placement's worker processes, as uwsgi or mod_wsgi run it (NFVTWIN_BENCH_IMPORT_WORKERS; 1 is the old single process). */
const WORKERS = Number(process.env["NFVTWIN_BENCH_IMPORT_WORKERS"] ?? 4);
const RACKS = 8;
/** Requests in flight while populating (the server takes one write at a time: SQLite; this keeps it busy). */
const POPULATE_CONCURRENCY = 4;
/** Consumers per bulk POST /allocations. */
const CONSUMERS_PER_POST = 100;

const uuid = (kind: number, n: number): string => `00000000-0000-4${String(kind).padStart(3, "0")}-8000-${String(n).padStart(12, "0")}`;
const inv = (total: number, reserved: number, ratio: number) => ({ total, reserved, allocation_ratio: ratio, min_unit: 1, max_unit: total, step_size: 1 });

async function inParallel(tasks: ReadonlyArray<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, worker));
}

/** Builds the site; returns the number of requests it took and of providers and consumers made. */
export async function populate(api: PlacementServer, roots: number): Promise<{ requests: number; providers: number; consumers: number }> {
  let requests = 0;
  const ok = async (method: string, p: string, body?: unknown): Promise<void> => {
    requests++;
    const r = await api.request(method, p, body);
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await ok("PUT", "/traits/CUSTOM_NFVTWIN_GOLD");
  const root = (i: number) => uuid(1, i);
  const child = (i: number) => uuid(2, i);
  const hasChild = (i: number) => i % 20 === 0;
  // One chain per provider: create, inventories, aggregates, traits (generations 0, 1, 2 known in advance).
  await inParallel(
    Array.from({ length: roots }, (_, i) => async () => {
      const name = `cmp${String(i).padStart(4, "0")}`;
      await ok("POST", "/resource_providers", { name, uuid: root(i) });
      await ok("PUT", `/resource_providers/${root(i)}/inventories`, { resource_provider_generation: 0, inventories: { VCPU: inv(64, 2, 4), MEMORY_MB: inv(262144, 4096, 1.5), DISK_GB: inv(2000, 0, 1) } });
      const aggregates = [uuid(3, i % RACKS), ...(i % 4 === 0 ? [uuid(3, 99)] : [])];
      await ok("PUT", `/resource_providers/${root(i)}/aggregates`, { resource_provider_generation: 1, aggregates });
      const traits = ["HW_CPU_X86_AVX2", ...(i % 10 === 0 ? ["CUSTOM_NFVTWIN_GOLD"] : []), ...(i % 100 === 0 ? ["COMPUTE_STATUS_DISABLED"] : [])];
      await ok("PUT", `/resource_providers/${root(i)}/traits`, { resource_provider_generation: 2, traits });
      if (!hasChild(i)) return;
      await ok("POST", "/resource_providers", { name: `${name}_gpu0`, uuid: child(i), parent_provider_uuid: root(i) });
      await ok("PUT", `/resource_providers/${child(i)}/inventories`, { resource_provider_generation: 0, inventories: { VGPU: inv(4, 0, 1) } });
    }),
    POPULATE_CONCURRENCY,
  );
  const consumers: Array<[string, unknown]> = [];
  for (let i = 0; i < roots; i++) {
    for (let k = 0; k < SERVERS_PER_ROOT; k++) {
      const n = i * SERVERS_PER_ROOT + k;
      const allocations: Record<string, unknown> = { [root(i)]: { resources: { VCPU: 2 + 2 * (n % 4), MEMORY_MB: 4096 * (1 + (n % 4)), DISK_GB: 20 * (1 + (n % 4)) } } };
      if (hasChild(i) && k === 0) allocations[child(i)] = { resources: { VGPU: 1 } };
      consumers.push([uuid(4, n), { allocations, project_id: `project-${n % 10}`, user_id: "u", consumer_generation: null, consumer_type: "INSTANCE" }]);
    }
  }
  const posts: Array<() => Promise<void>> = [];
  for (let at = 0; at < consumers.length; at += CONSUMERS_PER_POST) posts.push(() => ok("POST", "/allocations", Object.fromEntries(consumers.slice(at, at + CONSUMERS_PER_POST))));
  await inParallel(posts, 2);
  return { requests, providers: roots + Math.ceil(roots / 20), consumers: consumers.length };
}

export const importSection: BenchSection = {
  name: "import",
  title: "Import of a 2,000-provider Placement (the real python3-placement), whole process",
  async run(context: BenchContext): Promise<BenchTable> {
    const roots = Number(process.env["NFVTWIN_BENCH_IMPORT_ROOTS"] ?? (context.quick ? 200 : 2000));
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const api = await startPlacementServer(path.join(context.repoRoot, "src", "testing", "placement", "serve.py"), WORKERS);
    const dir = mkdtempSync(path.join(os.tmpdir(), "nfvtwin-bench-import-"));
    try {
      const started = process.hrtime.bigint();
      const site = await populate(api, roots);
      const populateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      // noauth2 takes the token "admin" as the admin; the child inherits it from OS_TOKEN.
      const saved = process.env["OS_TOKEN"];
      process.env["OS_TOKEN"] = "admin";
      let r: ProcessTiming;
      try {
        r = timeProcess(process.execPath, [cli, "import", "openstack", "--placement-url", api.baseUrl, "--out-model", "site.yaml"], dir);
      } catch (e) {
        throw new Error(`after populating ${site.requests} requests in ${seconds(populateSeconds)}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        if (saved === undefined) delete process.env["OS_TOKEN"];
        else process.env["OS_TOKEN"] = saved;
      }
      return {
        columns: ["root providers", "providers", "servers", "import wall", "import CPU", "peak RSS"],
        rows: [[roots.toLocaleString("en-US"), site.providers.toLocaleString("en-US"), site.consumers.toLocaleString("en-US"), seconds(r.wallSeconds), r.cpuSeconds === undefined ? "—" : seconds(r.cpuSeconds), r.maxRssMib === undefined ? "—" : `${r.maxRssMib.toFixed(0)} MiB`]],
        notes: [
          `populating (setup, not measured): ${site.requests.toLocaleString("en-US")} requests in ${seconds(populateSeconds)} (${((populateSeconds / site.requests) * 1000).toFixed(1)} ms a request)`,
          `Placement: ${WORKERS} worker process${WORKERS === 1 ? "" : "es"} (HTTP/1.1 keep-alive); the import keeps 8 requests in flight`,
          `load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`,
          `target < 30 s at 2,000 root providers: ${roots < 2000 ? `not measured (${roots} roots)` : r.wallSeconds < 30 ? "met" : "NOT MET"}`,
          `import requests: 2 + traits + 3 × ${site.providers} providers + ${site.consumers} consumers = ${(5 + 3 * site.providers + site.consumers).toLocaleString("en-US")}; ${((r.wallSeconds / (5 + 3 * site.providers + site.consumers)) * 1000).toFixed(1)} ms a request`,
          r.stdout.trim(),
        ],
      };
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
