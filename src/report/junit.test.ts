import { describe, expect, it } from "vitest";
import type { ExpectationOutcome } from "../scenario/index.js";
import { junitXml, xmlEscape } from "./junit.js";

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
}

/** A minimal XML reader for the subset junit.xml uses (elements, quoted attributes, text); throws on unbalanced tags. */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: "#document", attributes: {}, children: [] };
  const stack = [root];
  for (const m of xml.replace(/<\?xml[^>]*\?>/, "").matchAll(/<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    const [, closing, name, attrs, selfClosing] = m;
    if (closing === "/") {
      if (stack.pop()?.name !== name) throw new Error(`unbalanced </${name}>`);
      continue;
    }
    const attributes = Object.fromEntries([...attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    const element: XmlElement = { name: name!, attributes, children: [] };
    stack[stack.length - 1]!.children.push(element);
    if (selfClosing !== "/") stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  return root;
}

const count = (x: string | undefined): number => (x !== undefined && /^\d+$/.test(x) ? Number(x) : NaN);

/**
 * The shape the common JUnit schema (Jenkins/Ant junit-10.xsd, as GitLab and GitHub reporters read it)
 * asks for: <testsuites> of <testsuite name tests failures errors skipped time> of <testcase name
 * classname time>, a failed case holding <failure message type>; counts agree with the cases.
 */
function junitShapeProblems(xml: string): string[] {
  const problems: string[] = [];
  const need = (e: XmlElement, names: ReadonlyArray<string>): void => {
    for (const n of names) if (e.attributes[n] === undefined) problems.push(`<${e.name}> lacks ${n}`);
  };
  const [top, ...rest] = parseXml(xml).children;
  if (top?.name !== "testsuites" || rest.length > 0) return ["the document is not one <testsuites>"];
  need(top, ["name", "tests", "failures", "errors", "time"]);
  let tests = 0;
  let failures = 0;
  for (const suite of top.children) {
    if (suite.name !== "testsuite") problems.push(`<${suite.name}> inside <testsuites>`);
    need(suite, ["name", "tests", "failures", "errors", "skipped", "time"]);
    const cases = suite.children.filter((c) => c.name === "testcase");
    const failed = cases.filter((c) => c.children.some((f) => f.name === "failure"));
    for (const c of cases) need(c, ["name", "classname", "time"]);
    for (const f of cases.flatMap((c) => c.children)) {
      if (f.name === "failure") need(f, ["message", "type"]);
      else problems.push(`<${f.name}> inside <testcase>`);
    }
    if (count(suite.attributes["tests"]) !== cases.length) problems.push(`testsuite tests=${suite.attributes["tests"]} but ${cases.length} cases`);
    if (count(suite.attributes["failures"]) !== failed.length) problems.push(`testsuite failures=${suite.attributes["failures"]} but ${failed.length} failed`);
    tests += cases.length;
    failures += failed.length;
  }
  if (count(top.attributes["tests"]) !== tests || count(top.attributes["failures"]) !== failures) problems.push("testsuites counts disagree with the suites");
  return problems;
}

describe("junit.xml", () => {
  it("writes one test case per expectation, failures with their message (golden)", () => {
    const xml = junitXml("lab <spread>", "scenarios/a&b.yaml", [
      { text: "requests.rejectionRate <= 0.01: got 0.005", passed: true, metric: "requests.rejectionRate", value: 0.005 },
      { text: "servers.bootTimeMs.p99 <= 5m: got 400000 (100000 above the maximum)", passed: false, metric: "servers.bootTimeMs.p99", value: 400000 },
    ]);
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="nfvtwin" tests="2" failures="1" errors="0" time="0">
  <testsuite name="lab &lt;spread&gt;" tests="2" failures="1" errors="0" skipped="0" time="0">
    <testcase classname="lab &lt;spread&gt;" name="requests.rejectionRate &lt;= 0.01" file="scenarios/a&amp;b.yaml" time="0"/>
    <testcase classname="lab &lt;spread&gt;" name="servers.bootTimeMs.p99 &lt;= 5m" file="scenarios/a&amp;b.yaml" time="0">
      <failure message="servers.bootTimeMs.p99 &lt;= 5m: got 400000 (100000 above the maximum)" type="ExpectationFailed">servers.bootTimeMs.p99 &lt;= 5m: got 400000 (100000 above the maximum)</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it("has the common JUnit schema's shape, for no, passing and failing expectations", () => {
    const outcome = (passed: boolean, i: number): ExpectationOutcome => ({ text: `m${i} <= ${i}: got "${i}" & more`, passed, metric: `m${i}`, value: i });
    for (const outcomes of [[], [outcome(true, 1)], [outcome(false, 1), outcome(true, 2), outcome(false, 3)]]) {
      expect(junitShapeProblems(junitXml("suite <x>", "a.yaml", outcomes))).toEqual([]);
    }
  });

  it("the shape check can fail", () => {
    expect(junitShapeProblems('<testsuites name="x" tests="1" failures="0" errors="0" time="0"><testsuite name="s" tests="2" failures="0" errors="0" time="0"><testcase name="a"/></testsuite></testsuites>')).toEqual([
      "<testsuite> lacks skipped",
      "<testcase> lacks classname",
      "<testcase> lacks time",
      "testsuite tests=2 but 1 cases",
    ]);
    expect(() => parseXml("<a><b></a>")).toThrow(/unbalanced/);
  });

  it("escapes markup and drops control characters", () => {
    expect(xmlEscape(`<script>alert("x")</script>&'\u0001`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;");
  });
});
