import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "bench/**/*.test.ts"],
    // Stryker's sandboxes (npm run mutate) hold copies of the tests.
    exclude: ["**/node_modules/**", "**/.stryker-tmp/**"],
    pool: "forks",
    // Test files share a worker's module cache: effect, yaml and the simulator load once per worker
    // instead of once per file (about 70 s of CPU less on the 2-core machine). Tests keep no module
    // state between files; the suite passes in either mode.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
