// The vitest configuration Stryker uses (stryker.config.mjs): only the unit tests of the module
// under mutation, passed in STRYKER_TESTS as a comma-separated list of globs.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: (process.env["STRYKER_TESTS"] ?? "src/**/*.test.ts").split(","),
    pool: "forks",
    testTimeout: 60_000,
  },
});
