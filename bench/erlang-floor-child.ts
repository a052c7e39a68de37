/**
 * The floor under the e2e comparison: `scenarios/placement/erlang-loss.yaml` with everything but the
 * kernel, the named streams and the event log taken away, in a fresh process.
 *
 * It keeps what any run of this scenario must do here: the same Simulation (events ordered by time,
 * priority, sequence), the same streams and draws (`arrivals/<stream>`, `lifetime/<stream>`), the same
 * event order (arrivals NORMAL, ends of life LOW), and the same log records, digested as the run digests
 * them (a placed server: allocate, create.start, schedule.ok, spawn.complete, create.end, then
 * delete.start, terminate, delete.end; a rejected one: allocate, create.start, schedule.fail,
 * create.error). Servers live in typed arrays; first fit is a find-first-set over the hosts with a free
 * vCPU (nfvi FitBits). It drops what nfvtwin's VIM adds: state machines, the ledger and the capacity
 * index, placement policies and filters, quotas, metrics, sampling, hooks.
 *
 * Proof that it is the same run: it prints the run digest (over the inputs and every log record's time,
 * entity, id and op), the record count and the rejection rate, and the e2e section checks them against
 * the full run's: equal digests mean the same records, at the same times, in the same order.
 *   node dist/bench/erlang-floor-child.js REPO_ROOT
 * Prints one JSON line: { wallSeconds, logRecords, digest, rejectionRate }.
 */
import { RC_VCPU } from "../src/domain/index.js";
import { createStreams, integerMsSampler, LOW, NORMAL, Simulation } from "../src/kernel/index.js";
import { EventLog, LogText } from "../src/metrics/index.js";
import { FitBits } from "../src/nfvi/fit-bits.js";
import { nextArrivalMs } from "../src/scenario/generators/arrival-process.js";
import { buildNfvi } from "../src/scenario/index.js";
import { runDigest } from "../src/scenario/runner/run-digest.js";
import { specFrom } from "../src/testing/scenario-files.js";
import { erlangFiles } from "./erlang-files.js";

const root = process.argv[2] ?? ".";
const { scenario, model } = erlangFiles(root);
const spec = specFrom(scenario, model);
const stream = spec.streams[0]!;
const arrivals = spec.stop.arrivals!;
const warmupArrivals = Math.floor(spec.warmup.arrivalsFraction * arrivals);

// Free vCPU slots per host, from the model's real inventories (a 1-vCPU flavour).
const nfvi = buildNfvi(spec.model);
const hosts = nfvi.hostCount;
const free = Int32Array.from({ length: hosts }, (_, h) => nfvi.capacity(h, RC_VCPU));
const open = new FitBits(hosts, 1);
for (let h = 0; h < hosts; h++) open.set(0, h, free[h]! > 0);

const T = (text: string) => new LogText(text);
const [SERVER, EVENT, VM] = [T("server"), T("event"), T("vm-")];
const [ALLOCATE, SCHEDULE_OK, SCHEDULE_FAIL, SPAWN_COMPLETE, TERMINATE] = [T("allocate"), T("schedule.ok"), T("schedule.fail"), T("spawn.complete"), T("terminate")];
const [CREATE_START, CREATE_END, CREATE_ERROR] = [T("instance.create.start"), T("instance.create.end"), T("instance.create.error")];
const [DELETE_START, DELETE_END] = [T("instance.delete.start"), T("instance.delete.end")];

const sim = new Simulation();
const streams = createStreams(spec.seed);
const uniform = streams.stream(`arrivals/${stream.id}`);
const drawLifetimeMs = integerMsSampler(stream.lifetime, streams.stream(`lifetime/${stream.id}`));
const log = new EventLog({ keepRecords: false });
// Servers by number: the host each one holds (the payload of its end of life is its number).
let hostOf: Int32Array<ArrayBuffer> = new Int32Array(1 << 16);
let nextServerNo = 1;
let requests = 0;
let measured = 0;
let rejected = 0;
let exactTimeMs = 0;

function onArrival(s: Simulation): void {
  requests++;
  const counted = requests > warmupArrivals;
  if (counted) measured++;
  const lifetimeMs = drawLifetimeMs();
  const no = nextServerNo++;
  const now = s.nowMs;
  log.skipNumbered(now, SERVER, VM, no, ALLOCATE);
  log.skipNumbered(now, EVENT, VM, no, CREATE_START);
  const h = open.nextFrom(0, 0);
  if (h < 0) {
    if (counted) rejected++;
    log.skipNumbered(now, SERVER, VM, no, SCHEDULE_FAIL);
    log.skipNumbered(now, EVENT, VM, no, CREATE_ERROR);
  } else {
    if (--free[h]! === 0) open.set(0, h, false);
    if (no >= hostOf.length) hostOf = grown(hostOf);
    hostOf[no] = h;
    log.skipNumbered(now, SERVER, VM, no, SCHEDULE_OK);
    log.skipNumbered(now, SERVER, VM, no, SPAWN_COMPLETE);
    log.skipNumbered(now, EVENT, VM, no, CREATE_END);
    s.schedule(lifetimeMs, onEndOfLife, no, LOW);
  }
  if (requests >= arrivals) s.stop();
  else scheduleNextArrival(s);
}

function onEndOfLife(s: Simulation, no: number): void {
  const h = hostOf[no]!;
  if (free[h]!++ === 0) open.set(0, h, true);
  const now = s.nowMs;
  log.skipNumbered(now, EVENT, VM, no, DELETE_START);
  log.skipNumbered(now, SERVER, VM, no, TERMINATE);
  log.skipNumbered(now, EVENT, VM, no, DELETE_END);
}

function scheduleNextArrival(s: Simulation): void {
  exactTimeMs = nextArrivalMs(stream.arrivals, exactTimeMs, uniform.next());
  s.scheduleAt(Math.round(exactTimeMs), onArrival, undefined, NORMAL);
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

const started = process.hrtime.bigint();
scheduleNextArrival(sim);
sim.run();
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
// The run digest as the full run computes it (inputs, record count, shape digest of every record).
console.log(JSON.stringify({ wallSeconds, logRecords: log.count, digest: runDigest(spec, log), rejectionRate: rejected / measured }));
