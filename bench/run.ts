/**
 * `npm run bench` → `node --expose-gc dist/bench/run.js [section names...] [--quick]`.
 * Runs each section in order and prints its table. To add a section: write `bench/<name>.bench.ts`
 * exporting a `BenchSection` (see section.ts), import it below, and append it to SECTIONS.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { renderTable } from "./format.js";
import { kernelAnchorsSection } from "./kernel-anchors.bench.js";
import { kernelSection } from "./kernel.bench.js";
import { coldStartSection } from "./cold-start.bench.js";
import { e2eSection } from "./e2e.bench.js";
import { operationsSection } from "./operations.bench.js";
import { replicationsSection } from "./replications.bench.js";
import { reportSection } from "./report.bench.js";
import { scaleSection } from "./scale.bench.js";
import { acceleratorsSection } from "./accelerators.bench.js";
import { quotasSection } from "./quotas.bench.js";
import { faultsSection } from "./faults.bench.js";
import { reservationsSection } from "./reservations.bench.js";
import { storageReservationsSection } from "./storage-reservations.bench.js";
import { networkReservationsSection } from "./network-reservations.bench.js";
import { accReservationsSection } from "./acc-reservations.bench.js";
import { headroomSection } from "./headroom.bench.js";
import { ccmSection } from "./ccm.bench.js";
import { traceSection } from "./trace.bench.js";
import { importSection } from "./import.bench.js";
import { hyperscaleSection } from "./hyperscale.bench.js";
import { cloudsimSection } from "./cloudsim.bench.js";
import { shardsSection } from "./shards.bench.js";
import type { BenchContext, BenchSection } from "./section.js";

const SECTIONS: ReadonlyArray<BenchSection> = [kernelSection, kernelAnchorsSection, e2eSection, scaleSection, operationsSection, reportSection, coldStartSection, replicationsSection, reservationsSection, storageReservationsSection, networkReservationsSection, faultsSection, acceleratorsSection, quotasSection, accReservationsSection, headroomSection, ccmSection, traceSection, importSection, hyperscaleSection, cloudsimSection, shardsSection];

/** The nearest folder above this file holding nfvtwin's package.json (works from bench/ and dist/bench/). */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "nfvtwin") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nfvtwin package.json above ${from}`);
  }
}

function makeContext(argv: ReadonlyArray<string>): BenchContext {
  const here = fileURLToPath(import.meta.url);
  const repoRoot = findRepoRoot(path.dirname(here));
  const anchors = process.env["NFVTWIN_ANCHORS_DIR"] ?? path.resolve(repoRoot, "..", "shared", "anchors");
  return {
    repoRoot,
    anchorsDir: existsSync(anchors) ? anchors : undefined,
    scriptExtension: here.endsWith(".ts") ? ".ts" : ".js",
    quick: argv.includes("--quick"),
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const wanted = argv.filter((arg) => !arg.startsWith("--"));
  const unknown = wanted.filter((name) => !SECTIONS.some((s) => s.name === name));
  if (unknown.length > 0) {
    console.error(`unknown bench section(s): ${unknown.join(", ")}; sections: ${SECTIONS.map((s) => s.name).join(", ")}`);
    process.exitCode = 2;
    return;
  }
  const context = makeContext(argv);
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`nfvtwin bench — node ${process.version}, ${os.platform()}/${os.arch()}, ${os.cpus().length} x ${cpu}, ${new Date().toISOString()}`);
  console.log(`anchors: ${context.anchorsDir ?? "not found"}${context.quick ? " (quick mode)" : ""}`);
  for (const section of SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.name))) {
    console.log(`\n## ${section.title}\n`);
    const started = process.hrtime.bigint();
    const table = await section.run(context);
    console.log(renderTable(table));
    console.log(`  (${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
  }
}

await main();
