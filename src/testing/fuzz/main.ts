/**
 * `npm run fuzz [-- options]`: mutates the shipped scenarios and models (and generates new ones), runs
 * each case through `validate` and `run`, and checks the contract (contract.ts). Prints each violation
 * as it happens, then one line per distinct finding; exit 1 if any case violated the contract.
 *
 *   --long          10,000 cases (default 500)
 *   --cases N       N cases
 *   --seed S        base seed (default: a fresh one, printed)
 *   --case I        only case I of seed S (repeatable): replays a reported case
 *   --timeout MS    per case (default 20000)
 *   --save DIR      where violating cases are kept (default fuzz-failures)
 *   --allow-known   do not count violations listed in known-findings.ts
 */
import { randomInt } from "node:crypto";
import { hrtime, argv, exit, stdout } from "node:process";
import { resolve } from "node:path";
import { runFuzz, type CaseOutcome } from "./fuzz.js";
import { findingKey, knownFinding } from "./known-findings.js";

interface Args {
  cases: number;
  seed: number;
  only: number[];
  timeoutMs: number;
  saveDir: string;
  allowKnown: boolean;
}

function parseArgs(args: ReadonlyArray<string>): Args {
  const a: Args = { cases: 500, seed: randomInt(0, 2 ** 31), only: [], timeoutMs: 20_000, saveDir: "fuzz-failures", allowKnown: false };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    const int = (): number => {
      const v = value();
      if (!/^-?\d+$/.test(v)) usage(`${flag} needs an integer, got ${v}`);
      return Number(v);
    };
    if (flag === "--long") a.cases = 10_000;
    else if (flag === "--cases") a.cases = int();
    else if (flag === "--seed") a.seed = int();
    else if (flag === "--case") a.only.push(int());
    else if (flag === "--timeout") a.timeoutMs = int();
    else if (flag === "--save") a.saveDir = value();
    else if (flag === "--allow-known") a.allowKnown = true;
    else usage(`unknown option ${flag}`);
  }
  return a;
}

function usage(message: string): never {
  stdout.write(`npm run fuzz: ${message}\nusage: npm run fuzz -- [--long | --cases N] [--seed S] [--case I]... [--timeout MS] [--save DIR] [--allow-known]\n`);
  exit(2);
}

const say = (line: string) => void stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const a = parseArgs(argv.slice(2));
  const total = a.only.length > 0 ? a.only.length : a.cases;
  say(`nfvtwin fuzz: seed ${a.seed}, ${total} case(s), timeout ${a.timeoutMs} ms; violating cases are kept in ${resolve(a.saveDir)}`);
  const started = hrtime.bigint();
  const findings = new Map<string, { count: number; first: CaseOutcome; known: string | undefined }>();
  let violating = 0;
  let done = 0;
  const exits = new Map<string, number>();
  const outcomes = await runFuzz({
    seed: a.seed,
    cases: a.cases,
    only: a.only.length > 0 ? a.only : undefined,
    timeoutMs: a.timeoutMs,
    saveDir: a.saveDir,
    onCase: (o) => {
      done++;
      const exitKey = o.exitCodes.join("/") || "-";
      exits.set(exitKey, (exits.get(exitKey) ?? 0) + 1);
      const counted = o.violations.filter((v) => !(a.allowKnown && knownFinding(v) !== undefined));
      if (counted.length > 0) violating++;
      for (const v of o.violations) {
        const key = findingKey(v);
        const f = findings.get(key);
        if (f === undefined) {
          findings.set(key, { count: 1, first: o, known: knownFinding(v) });
          say(`case ${o.index} (${o.origin}): ${v.check}: ${v.detail}\n  replay: npm run fuzz -- --seed ${a.seed} --case ${o.index}${o.savedTo === undefined ? "" : `; files in ${o.savedTo}`}`);
        } else f.count++;
      }
      if (done % 100 === 0) say(`... ${done}/${total} cases, ${violating} violating, ${seconds(started)} s`);
    },
  });
  say(`\n${outcomes.length} cases in ${seconds(started)} s; exit codes (validate[/validate model]/run): ${[...exits].sort().map(([k, n]) => `${k} x${n}`).join(", ")}`);
  say(`${findings.size} distinct finding(s), ${violating} violating case(s)${a.allowKnown ? " (known findings not counted)" : ""}:`);
  for (const [key, f] of [...findings].sort((x, y) => y[1].count - x[1].count)) {
    say(`  ${String(f.count).padStart(5)} x ${key}${f.known === undefined ? "" : `  [known: ${f.known}]`}  (first: case ${f.first.index})`);
  }
  exit(violating > 0 ? 1 : 0);
}

const seconds = (since: bigint): string => (Number(hrtime.bigint() - since) / 1e9).toFixed(1);

void main();
