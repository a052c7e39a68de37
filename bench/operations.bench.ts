/**
 * VIM operations throughput (issue 5 target): a scripted mix of every server operation on 2,000 hosts
 * (models/regional.yaml) with 50,000 servers: at least 200,000 operations per second of wall time,
 * and one subscriber listening to every change notification costing at most 25 % of that.
 * Operations complete in the step that starts them (instant task durations), so the figure is the
 * VIM's own cost: transition table, placement of moves, claims, log records, notifications.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createStream } from "../src/kernel/index.js";
import { vimWorld, type VimWorld } from "../src/testing/vim-world.js";
import type { UserOp } from "../src/vim/index.js";
import { median } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";

const SERVERS = 50_000;
const TARGET_OPS_PER_SECOND = 200_000;
const TARGET_NOTIFICATION_SHARE = 0.25;

/** The mix: each entry is tried on a random server; the state machine refuses what is illegal there. */
const MIX: ReadonlyArray<UserOp | "terminate+allocate"> = [
  "reboot.soft", "reboot.soft", "reboot.hard", "stop", "start", "start", "pause", "unpause", "unpause",
  "suspend", "resume", "resume", "snapshot.create", "resize", "migrate.live", "migrate.live", "migrate.offline", "terminate+allocate",
];

function populate(world: VimWorld): void {
  const flavours = ["B1.small", "B1.medium"].map((id) => world.flavours.get(id)!);
  for (let i = 0; i < SERVERS; i++) {
    const r = world.compute.allocate({ tenant: "t", flavour: flavours[i % 2]!, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
    if (r.error !== undefined) throw new Error(`populating: ${r.error}`);
  }
}

/** Runs `attempts` operations of the mix; returns the accepted ones and the wall seconds. */
function runMix(world: VimWorld, attempts: number): { accepted: number; seconds: number } {
  const u = createStream(7, "bench/operations");
  const bigger = world.flavours.get("B1.large")!;
  const medium = world.flavours.get("B1.medium")!;
  let accepted = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < attempts; i++) {
    const op = MIX[i % MIX.length]!;
    const s = world.compute.liveServerAt(Math.floor(u.next() * world.compute.liveServerCount));
    if (s === undefined) continue;
    if (op === "terminate+allocate") {
      world.compute.terminate(s.no);
      const r = world.compute.allocate({ tenant: "t", flavour: medium, zone: undefined, groupId: undefined, name: undefined, metadata: {}, bootTimesMs: [0], measured: true });
      accepted += r.error === undefined ? 2 : 1;
      continue;
    }
    const r = world.compute.operate(s.no, op, op === "resize" ? { flavour: s.flavour === "B1.large" ? medium : bigger, autoConfirm: true } : {});
    if (r.ok) accepted++;
  }
  return { accepted, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

function measure(model: string, attempts: number, subscribe: boolean): { opsPerSecond: number; accepted: number; notifications: number } {
  const world = vimWorld(model);
  populate(world);
  let notifications = 0;
  if (subscribe) world.compute.notifier.subscribe({}, () => void notifications++);
  const { accepted, seconds: s } = runMix(world, attempts);
  return { opsPerSecond: accepted / s, accepted, notifications };
}

export const operationsSection: BenchSection = {
  name: "operations",
  title: `VIM operations: a mix of every server operation, 2,000 hosts, ${SERVERS.toLocaleString("en")} servers`,
  async run(context: BenchContext): Promise<BenchTable> {
    const model = readFileSync(path.join(context.repoRoot, "models", "regional.yaml"), "utf8");
    const attempts = context.quick ? 50_000 : 300_000;
    const reps = context.quick ? 1 : 3;
    const plain = Array.from({ length: reps }, () => measure(model, attempts, false));
    const listened = Array.from({ length: reps }, () => measure(model, attempts, true));
    const plainRate = median(plain.map((m) => m.opsPerSecond));
    const listenedRate = median(listened.map((m) => m.opsPerSecond));
    const share = 1 - listenedRate / plainRate;
    const fmt = (x: number): string => `${Math.round(x).toLocaleString("en")}/s`;
    return {
      columns: ["what", "accepted operations", "operations per second (median)", "notifications"],
      rows: [
        ["no subscriber", plain[0]!.accepted.toLocaleString("en"), fmt(plainRate), "0"],
        ["one subscriber to everything", listened[0]!.accepted.toLocaleString("en"), fmt(listenedRate), listened[0]!.notifications.toLocaleString("en")],
      ],
      notes: [
        `${attempts.toLocaleString("en")} attempts per run (refusals by the state machine are not counted), median of ${reps}; populating the servers is not timed`,
        `target ≥ ${TARGET_OPS_PER_SECOND.toLocaleString("en")}/s: ${plainRate >= TARGET_OPS_PER_SECOND ? "met" : "NOT MET"}; notification path ${(share * 100).toFixed(1)} % of the rate (target ≤ ${TARGET_NOTIFICATION_SHARE * 100} %): ${share <= TARGET_NOTIFICATION_SHARE ? "met" : "NOT MET"}`,
      ],
    };
  },
};
