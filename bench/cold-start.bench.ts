/** CLI cold start: `nfvtwin --help` as a fresh process, median of several runs. Target: under 400 ms. */
import path from "node:path";
import { median, seconds } from "./format.js";
import type { BenchContext, BenchSection, BenchTable } from "./section.js";
import { timeProcess } from "./timing.js";

export const coldStartSection: BenchSection = {
  name: "cold-start",
  title: "CLI cold start: nfvtwin --help (whole process)",
  async run(context: BenchContext): Promise<BenchTable> {
    const cli = path.join(context.repoRoot, "dist", "cli", "main.js");
    const runs = context.quick ? 3 : 10;
    const help: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      help.push(timeProcess(process.execPath, [cli, "--help"], context.repoRoot).wallSeconds);
      bare.push(timeProcess(process.execPath, ["-e", "0"], context.repoRoot).wallSeconds);
    }
    const m = median(help);
    return {
      columns: ["command", "median wall", "best wall"],
      rows: [
        ["nfvtwin --help", seconds(m), seconds(Math.min(...help))],
        ["node -e 0 (Node start-up alone)", seconds(median(bare)), seconds(Math.min(...bare))],
      ],
      notes: [`median of ${runs}; target < 0.400 s: ${m < 0.4 ? "met" : "NOT MET"}`],
    };
  },
};
