/**
 * Input files as UTF-8 text, strictly: a byte that is not UTF-8 is an input error at its line and
 * column, never a silent U+FFFD that would later surface as a puzzling name or number.
 */

export type Utf8Text = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** `bytes` decoded as UTF-8 (a leading byte order mark dropped), or where and why they are not UTF-8. */
export function decodeUtf8Text(bytes: Uint8Array): Utf8Text {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    // The decoder says only that the bytes are bad; the scan says where.
    const bad = firstIllFormed(bytes) ?? { offset: bytes.length, reason: "the file ends inside a character" };
    const lineStart = bytes.lastIndexOf(0x0a, bad.offset - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
    // Columns count UTF-16 units of the decoded line, as the YAML positions do (the prefix is valid).
    const before = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad.offset));
    return { ok: false, line, column: before.length + 1, message: `invalid UTF-8: ${bad.reason}; input files must be UTF-8 text` };
  }
}

const hex = (b: number): string => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/**
 * Offset of the lead byte of the first ill-formed sequence (Unicode's well-formed byte table:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or undefined when all is well formed.
 */
function firstIllFormed(bytes: Uint8Array): { offset: number; reason: string } | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] = leadByte(b);
    if (length === 0) return { offset: i, reason: `byte ${hex(b)} cannot start a character` };
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return { offset: i, reason: "the file ends inside a character" };
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (c < min || c > max) return { offset: i, reason: `byte ${hex(b)} is followed by ${hex(c)}, which cannot continue it` };
    }
    i += length;
  }
  return undefined;
}

/** Sequence length and the allowed range of the second byte for lead byte `b` (length 0: not a lead byte). */
function leadByte(b: number): [number, number, number] {
  if (b >= 0xc2 && b <= 0xdf) return [2, 0x80, 0xbf];
  if (b === 0xe0) return [3, 0xa0, 0xbf];
  if (b === 0xed) return [3, 0x80, 0x9f];
  if (b >= 0xe1 && b <= 0xef) return [3, 0x80, 0xbf];
  if (b === 0xf0) return [4, 0x90, 0xbf];
  if (b >= 0xf1 && b <= 0xf3) return [4, 0x80, 0xbf];
  if (b === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}
