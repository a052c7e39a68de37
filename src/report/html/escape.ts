/**
 * The one escaping function for report.html. Every string that came from an input file (scenario
 * name, description, file path, ids, reasons, metric names) passes through it before it is placed in
 * HTML text or a double-quoted attribute. Text inside the SVG charts is set with d3's `.text()` and
 * `.attr()`, which jsdom's serializer escapes; the tests check both paths with a `<script>` name.
 * Control sequences and the characters XML forbids go too (a page may be read as XHTML or grepped).
 */
import { stripForMarkup } from "../text-safety.js";

export function escapeHtml(text: string): string {
  return stripForMarkup(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
