/** The contract's clauses fire on the outcomes they describe (a fuzzer whose checks never fire finds nothing). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CapturedCommand } from "../../cli/run-command.js";
import { caseViolations } from "./contract.js";

const work = mkdtempSync(join(tmpdir(), "nfvtwin-contract-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const cmd = (exitCode: number, stderr = "", stdout = ""): CapturedCommand => ({ exitCode, stdout, stderr });
const checks = (validate: CapturedCommand, run: CapturedCommand, outDir = join(work, "none"), inputText = "") =>
  caseViolations({ execution: { kind: "done", results: [validate, run] }, modelValidated: false, outDir, inputText }).map((v) => v.check);

describe("the fuzz contract", () => {
  it("passes a clean refusal and a clean run", () => {
    expect(checks(cmd(2, "s.yaml:3:5: name: bad\n"), cmd(2, "s.yaml:3:5: name: bad\n"))).toEqual([]);
  });

  it("flags exit 3, stack traces, refusals without a position and control characters", () => {
    expect(checks(cmd(3, "boom\n    at f (/x/y.ts:1:2)\n"), cmd(2, "no position\n"))).toEqual([
      "validate-exit-3",
      "validate-stack-trace",
      "run-refusal-without-position",
    ]);
    expect(checks(cmd(2, "s.yaml:1:1: \u001b[2J\n"), cmd(2, "s.yaml:1:1: ok\n"))).toEqual(["validate-control-character"]);
  });

  it("flags validate and run disagreeing, and a refusal that wrote", () => {
    const out = join(work, "wrote");
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "x"), "");
    expect(checks(cmd(0), cmd(2, "s.yaml:1:1: bad\n"), out)).toEqual(["validate-accepted-run-refused", "run-refused-but-wrote"]);
    expect(checks(cmd(2, "s.yaml:1:1: bad\n"), cmd(0), join(work, "none"))).toEqual(["validate-refused-run-accepted", "run-accepted-wrote-nothing"]);
  });

  it("flags raw markup from the input in reports and malformed junit.xml", () => {
    const out = join(work, "reports");
    mkdirSync(join(out, "r"), { recursive: true });
    writeFileSync(join(out, "r/report.md"), "tenant <script>alert(1)</script>\n");
    writeFileSync(join(out, "r/report.html"), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    writeFileSync(join(out, "r/junit.xml"), "<testsuite name=\"a\uFFFE\"/>");
    writeFileSync(join(out, "r/summary.json"), "{");
    expect(checks(cmd(0), cmd(0), out, "description: <script>alert(1)</script>").sort()).toEqual(["report-json-malformed", "report-md-unescaped-markup", "report-xml-malformed"]);
  });
});
