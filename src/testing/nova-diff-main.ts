/** `npm run nova-diff -- --cases N [--seed S]`: the Nova differential test on N cases (default 5000). */
import { argv, exit, stderr, stdout } from "node:process";
import { novaDiff, novaMissing } from "./nova-diff.js";

const arg = (flag: string, fallback: number): number => {
  const i = argv.indexOf(flag);
  return i < 0 ? fallback : Number(argv[i + 1]);
};
const missing = novaMissing();
if (missing !== undefined) {
  stderr.write(`${missing}\n`);
  exit(1);
}
const cases = arg("--cases", 5000);
const seed = arg("--seed", 17);
const { failures } = novaDiff(cases, seed);
for (const f of failures.slice(0, 5)) stdout.write(`case ${f.index}: ${f.problems.join("; ")}\n${JSON.stringify(f.c)}\n`);
stdout.write(`${cases - failures.length}/${cases} cases decided as Nova decides (seed ${seed})\n`);
exit(failures.length === 0 ? 0 : 1);
