/**
 * Hostile texts a user (or an attacker sharing a scenario file) might write where free text is
 * allowed: markup, control sequences, path tricks, noncharacters, very long names. The fuzzer plants
 * them and then looks for them, raw, in the reports and the terminal.
 */

/** An identifier of 300 characters: valid by the Id pattern, too long for most file systems as a folder name. */
export const LONG_ID = `n${"x".repeat(299)}`;

/** Markup that must never reach HTML or Markdown unescaped (the contract looks for these verbatim). */
export const MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];

export const HOSTILE_TEXTS: ReadonlyArray<string> = [
  ...MARKUP,
  "a]]>b & c <!-- d",
  '"><svg onload=alert(1)>',
  "../x",
  "../../../../tmp/nfvtwin-escape",
  "\u001b[31mred\u001b[0m\u001b]0;title\u0007",
  "bell\u0007 and backspace\b",
  "noncharacter \uFFFE \uFFFF",
  "bidi \u202Eevil",
  "nul \u0000 byte",
  "line\nbreak",
  "| pipe | in | a table |",
  "*stars* _under_ `code` [link](javascript:alert(1))",
  "emoji 😀 and combining e\u0301",
  LONG_ID,
  "y".repeat(20000),
];
