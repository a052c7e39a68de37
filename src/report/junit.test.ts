import { describe, expect, it } from "vitest";
import { junitXml, xmlEscape } from "./junit.js";

describe("junit.xml", () => {
  it("writes one test case per expectation, failures with their message (golden)", () => {
    const xml = junitXml("lab <spread>", "scenarios/a&b.yaml", [
      { text: "requests.rejectionRate <= 0.01: got 0.005", passed: true, metric: "requests.rejectionRate", value: 0.005 },
      { text: "servers.bootTimeMs.p99 <= 5m: got 400000 (100000 above the maximum)", passed: false, metric: "servers.bootTimeMs.p99", value: 400000 },
    ]);
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="nfvtwin" tests="2" failures="1" errors="0">
  <testsuite name="lab &lt;spread&gt;" tests="2" failures="1" errors="0" skipped="0" time="0">
    <testcase classname="lab &lt;spread&gt;" name="requests.rejectionRate &lt;= 0.01" file="scenarios/a&amp;b.yaml" time="0"/>
    <testcase classname="lab &lt;spread&gt;" name="servers.bootTimeMs.p99 &lt;= 5m" file="scenarios/a&amp;b.yaml" time="0">
      <failure message="servers.bootTimeMs.p99 &lt;= 5m: got 400000 (100000 above the maximum)" type="ExpectationFailed">servers.bootTimeMs.p99 &lt;= 5m: got 400000 (100000 above the maximum)</failure>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it("escapes markup and drops control characters", () => {
    expect(xmlEscape(`<script>alert("x")</script>&'\u0001`)).toBe("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;");
  });
});
