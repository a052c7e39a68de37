import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "bench/**/*.test.ts"],
    // Stryker's sandboxes (npm run mutate) hold copies of the tests.
    exclude: ["**/node_modules/**", "**/.stryker-tmp/**"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
