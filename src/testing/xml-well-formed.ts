/**
 * A strict well-formedness check for the XML the reports write (junit.xml): every character in XML
 * 1.0's Char production, an optional declaration, one root element, balanced tags, quoted attributes
 * without duplicates or `<`, character data without `<` or `]]>`, and `&` only in a predefined or
 * numeric reference to an allowed character. No comments, CDATA or DTD (the writers produce none).
 * Deliberately small and separate from the writer, so that it can disagree with it.
 */

const allowedChar = (c: number): boolean => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** Problems with the references and markup characters of character data or an attribute value. */
function textProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  if (text.includes("<")) problems.push(`${where}: '<'`);
  if (where === "text" && text.includes("]]>")) problems.push(`${where}: ']]>'`);
  for (const m of text.matchAll(/&([^;&<]*)(;?)/g)) {
    const [, body, semicolon] = m;
    const code = /^#x[0-9a-fA-F]+$/.test(body!) ? parseInt(body!.slice(2), 16) : /^#[0-9]+$/.test(body!) ? Number(body!.slice(1)) : undefined;
    const ok = semicolon === ";" && (["lt", "gt", "amp", "quot", "apos"].includes(body!) || (code !== undefined && allowedChar(code)));
    if (!ok) problems.push(`${where}: bad reference &${body}${semicolon}`);
  }
  return problems;
}

const NAME = "[A-Za-z_:][A-Za-z0-9_:.-]*";
const TOKEN = new RegExp(`<\\?xml(?:\\s[^?]*)?\\?>|<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>|[^<]+|<`, "y");

/** Why `xml` is not well-formed, in document order; [] when it is. */
export function xmlWellFormedProblems(xml: string): string[] {
  const problems: string[] = [];
  for (const ch of xml) if (!allowedChar(ch.codePointAt(0)!)) problems.push(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  const open: string[] = [];
  let roots = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m !== null; m = TOKEN.exec(xml)) {
    const [token, closing, name, attributes, selfClosing] = m;
    if (token.startsWith("<?xml")) {
      if (m.index !== 0) problems.push("declaration not at the start");
    } else if (name !== undefined) {
      if (open.length === 0 && closing !== "/" && roots++ > 0) problems.push(`second root <${name}>`);
      if (closing === "/") {
        if (attributes !== "" || selfClosing === "/" || open.pop() !== name) problems.push(`unbalanced </${name}>`);
      } else {
        const names = [...attributes!.matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, "g"))].map((a) => {
          problems.push(...textProblems(a[2]!, `attribute ${a[1]}`));
          return a[1]!;
        });
        if (new Set(names).size !== names.length) problems.push(`duplicate attribute in <${name}>`);
        if (selfClosing !== "/") open.push(name);
      }
    } else if (token === "<") problems.push(`stray '<' at ${m.index}`);
    else if (open.length === 0 && token.trim() !== "") problems.push("text outside the root element");
    else problems.push(...textProblems(token, "text"));
  }
  if (open.length > 0) problems.push(`unclosed <${open.at(-1)}>`);
  if (roots === 0) problems.push("no root element");
  return problems;
}
