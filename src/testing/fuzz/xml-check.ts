/**
 * A strict XML 1.0 well-formedness check, enough for junit.xml: one root element, tags nested and
 * closed, attributes quoted and unique, every `&` a known or numeric reference, no `<` in text or
 * attribute values, and only characters XML allows (no C0 controls but tab and newlines, no U+FFFE,
 * U+FFFF or lone surrogates). Returns the first problem found, or undefined.
 */

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const REFERENCE = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;

/** The first character XML 1.0 forbids, as a message, or undefined. */
function badCharacter(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return `lone surrogate at ${i}`;
    }
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd);
    if (!ok) return `character U+${c.toString(16).toUpperCase().padStart(4, "0")} not allowed in XML at ${i}`;
  }
  return undefined;
}

/** `&` only as references, no `<`: for text and attribute values. */
function badEscapes(text: string, where: string): string | undefined {
  if (text.includes("<")) return `unescaped < in ${where}`;
  if (where === "text" && text.includes("]]>")) return "]]> in text";
  for (let i = text.indexOf("&"); i >= 0; i = text.indexOf("&", i + 1)) {
    if (!REFERENCE.test(text.slice(i))) return `unescaped & in ${where}: ${JSON.stringify(text.slice(i, i + 12))}`;
  }
  return undefined;
}

/** Checks one start tag's inside (`name attr="v" ...`); returns the element name or a problem. */
function startTag(inside: string): { name: string } | { problem: string } {
  const name = NAME.exec(inside)?.[0];
  if (name === undefined) return { problem: `bad tag <${inside.slice(0, 20)}>` };
  let rest = inside.slice(name.length);
  const seen = new Set<string>();
  for (;;) {
    const trimmed = rest.trimStart();
    if (trimmed === "") return { name };
    if (trimmed.length === rest.length) return { problem: `missing space between attributes in <${name}>` };
    const m = /^([A-Za-z_:][A-Za-z0-9_:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(trimmed);
    if (m === null) return { problem: `bad attribute in <${name}>: ${JSON.stringify(trimmed.slice(0, 30))}` };
    if (seen.has(m[1]!)) return { problem: `duplicate attribute ${m[1]} in <${name}>` };
    seen.add(m[1]!);
    const problem = badEscapes(m[3] ?? m[4] ?? "", `attribute ${m[1]}`);
    if (problem !== undefined) return { problem };
    rest = trimmed.slice(m[0].length);
  }
}

/** The first well-formedness problem of `xml`, or undefined. */
export function xmlProblem(xml: string): string | undefined {
  const chars = badCharacter(xml);
  if (chars !== undefined) return chars;
  let i = xml.startsWith("<?xml") ? xml.indexOf("?>") + 2 : 0;
  if (i === 1) return "unterminated XML declaration";
  const open: string[] = [];
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (open.length === 0 && text.trim() !== "") return `text outside the root element: ${JSON.stringify(text.slice(0, 30))}`;
    const problem = badEscapes(text, "text");
    if (problem !== undefined) return problem;
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      const end = xml.indexOf("-->", lt + 4);
      if (end < 0 || xml.slice(lt + 4, end).includes("--")) return "bad comment";
      i = end + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = xml.indexOf("]]>", lt);
      if (end < 0 || open.length === 0) return "bad CDATA section";
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf(">", lt);
    if (gt < 0) return "unterminated tag";
    const inside = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (inside.startsWith("/")) {
      const name = inside.slice(1).trim();
      if (open.pop() !== name) return `unbalanced </${name}>`;
      continue;
    }
    const selfClosing = inside.endsWith("/");
    const tag = startTag(selfClosing ? inside.slice(0, -1) : inside);
    if ("problem" in tag) return tag.problem;
    if (open.length === 0 && ++roots > 1) return "more than one root element";
    if (!selfClosing) open.push(tag.name);
  }
  if (open.length > 0) return `unclosed <${open[open.length - 1]}>`;
  return roots === 1 ? undefined : "no root element";
}
