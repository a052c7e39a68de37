/**
 * The one escaping function for report.html. Every string that came from an input file (scenario
 * name, description, file path, ids, reasons, metric names) passes through it before it is placed in
 * HTML text or a double-quoted attribute. Text inside the SVG charts is set with d3's `.text()` and
 * `.attr()`, which jsdom's serializer escapes; the tests check both paths with a `<script>` name.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
