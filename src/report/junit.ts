/**
 * junit.xml: one test case per expectation, so CI systems (GitLab, Jenkins, GitHub test reporters)
 * show which expectation of which scenario failed and by how much. Every input string is escaped.
 */
import type { ExpectationOutcome } from "../scenario/index.js";
import { stripForMarkup } from "./text-safety.js";

/**
 * XML text with the five predefined entities escaped and every character XML 1.0 forbids dropped
 * (a single U+FFFE or lone surrogate would make the whole document unreadable to a CI's parser).
 */
export function xmlEscape(text: string): string {
  return stripForMarkup(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A JUnit XML document for one scenario's expectations (`suite` is the scenario name). */
export function junitXml(suite: string, file: string, expectations: ReadonlyArray<ExpectationOutcome>): string {
  const failures = expectations.filter((e) => !e.passed).length;
  const name = xmlEscape(suite);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="nfvtwin" tests="${expectations.length}" failures="${failures}" errors="0" time="0">`,
    `  <testsuite name="${name}" tests="${expectations.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
  ];
  for (const e of expectations) {
    const head = `    <testcase classname="${name}" name="${xmlEscape(e.text.split(": got ")[0] ?? e.text)}" file="${xmlEscape(file)}" time="0"`;
    if (e.passed) lines.push(`${head}/>`);
    else lines.push(`${head}>`, `      <failure message="${xmlEscape(e.text)}" type="ExpectationFailed">${xmlEscape(e.text)}</failure>`, "    </testcase>");
  }
  lines.push("  </testsuite>", "</testsuites>");
  return `${lines.join("\n")}\n`;
}
