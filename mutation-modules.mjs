// The modules `npm run mutate` covers: each mutates its source files and runs the unit tests listed
// (globs), which are the tests expected to kill its mutants. Scores: bench/README.md.
export const MODULES = {
  "event-queue": { mutate: ["src/kernel/event-queue.ts"], tests: ["src/kernel/event-queue.test.ts", "src/kernel/simulation.test.ts"] },
  inventory: { mutate: ["src/nfvi/inventory.ts"], tests: ["src/nfvi/inventory.test.ts", "src/nfvi/nfvi-state.test.ts"] },
  ledger: { mutate: ["src/nfvi/ledger.ts"], tests: ["src/nfvi/ledger.test.ts", "src/nfvi/nfvi-state.test.ts"] },
  weigh: { mutate: ["src/placement/weigh.ts"], tests: ["src/placement/weigh.test.ts", "src/placement/placement.test.ts"] },
  filters: { mutate: ["src/placement/filters/*.ts", "!src/placement/filters/*.test.ts"], tests: ["src/placement/filters/*.test.ts", "src/placement/placement.test.ts"] },
  "server-machine": { mutate: ["src/vim/compute/server-machine.ts"], tests: ["src/vim/compute/server-machine*.test.ts"] },
  "arq-machine": { mutate: ["src/vim/acceleration/arq-machine.ts"], tests: ["src/vim/acceleration/arq-machine.test.ts"] },
  headroom: { mutate: ["src/vim/fault/headroom.ts", "src/vim/fault/headroom-dry-run.ts", "src/vim/fault/headroom-bound.ts"], tests: ["src/vim/fault/headroom.test.ts", "src/vim/fault/headroom-bound.test.ts", "src/vim/fault/headroom-bound-exact.test.ts", "src/vim/fault/headroom-dry-run.test.ts"] },
  admission: { mutate: ["src/vim/reservation/admission.ts"], tests: ["src/vim/reservation/admission.test.ts", "src/vim/reservation/reservation-service.test.ts", "src/vim/reservation/pool-sets.test.ts"] },
};

