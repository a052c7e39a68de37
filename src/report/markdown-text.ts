/**
 * Input strings inside report.md. Many Markdown viewers render raw HTML, so a scenario description
 * holding `<script>` or `<img onerror>` must reach the page as text; a `|` or a newline in a name
 * must not split a table row; `[x](url)` must not become a link or a fetched image. `*` and `_` stay
 * as they are: at worst they emphasise, and resource classes such as MEMORY_MB read better unescaped.
 */
import { stripForMarkup } from "./text-safety.js";

/**
 * One line of inline Markdown that renders as `text`: controls dropped, line breaks as spaces,
 * `\`, backtick and `|` backslash-escaped, `]` escaped where a link or a link definition would follow
 * (`](`, `][`, `]:`), and `&`, `<`, `>` as entities (also outside tables, where `\<` would not stop
 * an HTML block). The comparison operators `<=` and `>=` of expectation texts stay as they are: a `<`
 * before `=` opens no tag, comment or autolink in CommonMark, and a `>` with no tag open is text.
 */
export function mdText(text: string): string {
  return stripForMarkup(text)
    .replace(/\n/g, " ")
    .replace(/[\\`|]/g, "\\$&")
    .replace(/\](?=[([:])/g, "\\]")
    .replace(/&/g, "&amp;")
    .replace(/<(?!=)/g, "&lt;")
    .replace(/>(?!=)/g, "&gt;");
}

/** Free text of several lines (a description): each line as mdText, the line breaks kept. */
export const mdLines = (text: string): string => text.split("\n").map(mdText).join("\n");

/** A table row: numbers as they are, every string through mdText. */
export const mdRow = (cells: ReadonlyArray<string | number>): string => `| ${cells.map((c) => (typeof c === "number" ? String(c) : mdText(c))).join(" | ")} |`;

/**
 * An identifier in a code span when it is plain (letters, digits, `.`, `_`, `:`, `/`, `-`), so that
 * the reports of well-named runs keep their look; anything else as escaped text (inside a code span
 * neither entities nor backslash escapes work, and a backtick would end it).
 */
export const mdCode = (text: string): string => (/^[A-Za-z0-9._:/-]+$/.test(text) ? `\`${text}\`` : mdText(text));
