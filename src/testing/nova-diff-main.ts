/** `npm run nova-diff -- --cases N [--seed S]`: the Nova differential test on N cases (default 5000). */
import { novaDiff, novaMissing } from "./nova-diff.js";

const arg = (flag: string, fallback: number): number => {
  const i = process.argv.indexOf(flag);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const missing = novaMissing();
if (missing !== undefined) {
  console.error(missing);
  process.exit(1);
}
const cases = arg("--cases", 5000);
const seed = arg("--seed", 17);
const { failures } = novaDiff(cases, seed);
for (const f of failures.slice(0, 5)) console.log(`case ${f.index}: ${f.problems.join("; ")}\n${JSON.stringify(f.c)}`);
console.log(`${cases - failures.length}/${cases} cases decided as Nova decides (seed ${seed})`);
process.exit(failures.length === 0 ? 0 : 1);
