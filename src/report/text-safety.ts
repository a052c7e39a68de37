/**
 * Making input strings inert wherever they are printed: scenario, tenant, flavour, host and zone names,
 * descriptions and expectation texts are free text from files, and a file may hold terminal escape
 * sequences or characters a format forbids. The report writers (XML, Markdown, HTML) and the CLI's
 * terminal writer all start from these two functions, so one rule decides what is a control.
 */

/**
 * ECMA-48 sequences, 7-bit and 8-bit: CSI (ESC [ or U+009B, parameters, one final byte), OSC, DCS, SOS,
 * PM and APC strings (ESC ] P X ^ _ or U+009D U+0090 U+0098 U+009E U+009F, up to BEL or ST, or the
 * end of the line when unterminated), and any other two-byte ESC sequence. Removing the whole sequence
 * rather than only the ESC keeps "[31m" and a window title's text out of the output.
 */
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/;

/** C0 controls but tab and newline, DEL and the C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Either, in one pass: at a position where a sequence starts, the whole sequence matches first. */
const SEQUENCE_OR_CONTROL = new RegExp(`${ESCAPE_SEQUENCE.source}|${CONTROL.source}`, "g");

/**
 * `text` without escape sequences and without control characters other than tab and newline (a
 * carriage return is dropped too: alone it moves a terminal's cursor back over what was printed).
 * `keep` may spare some sequences (the CLI's own colours); it sees each sequence or control alone.
 */
export function stripControls(text: string, keep?: (sequence: string) => boolean): string {
  if (keep === undefined) return text.replace(SEQUENCE_OR_CONTROL, "");
  return text.replace(SEQUENCE_OR_CONTROL, (m) => (keep(m) ? m : ""));
}

/**
 * Everything XML 1.0 forbids (its Char production allows #x9 | #xA | #xD | [#x20-#xD7FF] |
 * [#xE000-#xFFFD] | [#x10000-#x10FFFF]): other C0 controls, U+FFFE, U+FFFF and lone surrogates.
 * With the `u` flag a lone surrogate is one code point outside every allowed range, while a pair is
 * one astral code point inside the last.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** `text` with control sequences and every character XML 1.0 forbids removed (also safe for HTML). */
export function stripForMarkup(text: string): string {
  return stripControls(text).replace(NOT_XML_CHAR, "");
}
