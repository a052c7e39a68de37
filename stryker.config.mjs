// Mutation testing of the core (`npm run mutate`, on demand; never part of `npm test`).
// One module at a time keeps a run feasible on a 2-core machine: `npm run mutate -- <module>` where
// <module> is a key of MODULES below (no argument runs them all, one after another, via
// bench/mutate.mjs). Each module mutates its source files and runs only the unit tests of its room
// (vitest.stryker.config.ts reads STRYKER_TESTS), and perTest coverage runs per mutant only the
// tests that reach it. Equivalent mutants are excluded beside the code with
// `// Stryker disable next-line <mutator>: <reason>` comments.
import { MODULES } from "./mutation-modules.mjs";

const name = process.env["MUTATE_MODULE"] ?? "";
const module = MODULES[name];
if (module === undefined) throw new Error(`MUTATE_MODULE must be one of: ${Object.keys(MODULES).join(", ")} (got "${name}")`);
process.env["STRYKER_TESTS"] = module.tests.join(",");

export default {
  packageManager: "npm",
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: module.mutate,
  concurrency: Number(process.env["MUTATE_CONCURRENCY"] ?? 2),
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  ignorePatterns: ["reports", "dist", "bench", "scenarios", "models"],
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 5000,
};
