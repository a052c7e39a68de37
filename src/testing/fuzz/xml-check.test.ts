import { describe, expect, it } from "vitest";
import { xmlProblem } from "./xml-check.js";

describe("xmlProblem", () => {
  it("accepts well-formed documents", () => {
    expect(xmlProblem('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 &amp; 2"><b/>t &lt; &#60; &#x3c;<!-- c --><![CDATA[<raw>]]></a>\n')).toBeUndefined();
  });

  it.each([
    ["<a>x < y</a>", "bad tag < y</a>"],
    ["<a>x & y</a>", 'unescaped & in text: "& y"'],
    ['<a x="<">t</a>', "unescaped < in attribute x"],
    ['<a x="1" x="2"/>', "duplicate attribute x in <a>"],
    ["<a><b></a></b>", "unbalanced </a>"],
    ["<a>", "unclosed <a>"],
    ["<a/><b/>", "more than one root element"],
    ["<a>\u0001</a>", "character U+0001 not allowed in XML at 3"],
    ["<a>\uFFFE</a>", "character U+FFFE not allowed in XML at 3"],
    ["<a>\uD800</a>", "lone surrogate at 3"],
    ["<a>x ]]> y</a>", "]]> in text"],
    ["text<a/>", 'text outside the root element: "text"'],
  ])("finds the problem in %j", (xml, problem) => {
    expect(xmlProblem(xml)).toBe(problem);
  });
});
