// `npm run mutate [-- module ...]`: Stryker over the core, one module at a time (stryker.config.mjs).
// Without arguments every module in mutation-modules.mjs runs, one after another.
import { spawnSync } from "node:child_process";
import { MODULES } from "../mutation-modules.mjs";

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in MODULES));
if (unknown.length > 0) {
  console.error(`unknown module(s): ${unknown.join(", ")}; known: ${Object.keys(MODULES).join(", ")}`);
  process.exit(2);
}
let failed = false;
for (const name of names.length > 0 ? names : Object.keys(MODULES)) {
  console.log(`\n== mutate ${name} ==`);
  const run = spawnSync("npx", ["stryker", "run", "stryker.config.mjs"], { stdio: "inherit", env: { ...process.env, MUTATE_MODULE: name } });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
