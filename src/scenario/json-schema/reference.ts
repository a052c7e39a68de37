/**
 * The file-format reference (docs/scenario-reference.md, docs/model-reference.md), generated from the
 * same JSON Schema `nfvtwin schema` prints, so the docs, the editor's hover text and the loader say
 * the same thing. A duration-or-distribution field is one row; the distributions have their own table.
 */
import { DURATION_PATTERN, RATE_PATTERN } from "../../kernel/index.js";
import { FILE_KINDS, fileJsonSchema } from "./emit.js";

type Node = Readonly<Record<string, unknown>>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

interface Row {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
  /** The union member the field belongs to, e.g. "call: createVolume"; absent outside unions. */
  readonly variant?: string;
}

const DISCRIMINATORS = ["kind", "call", "type", "do"];

/** `call: createVolume` for a union member with a one-value discriminator field. */
const variantOf = (node: Node): string | undefined => {
  const properties = isNode(node["properties"]) ? node["properties"] : {};
  for (const key of DISCRIMINATORS) {
    const p = properties[key];
    if (isNode(p) && Array.isArray(p["enum"]) && p["enum"].length === 1) return `${key}: ${String(p["enum"][0])}`;
  }
  return undefined;
};

const kindOf = (node: Node): string | undefined => {
  const kind = isNode(node["properties"]) ? (node["properties"] as Record<string, unknown>)["kind"] : undefined;
  return isNode(kind) && Array.isArray(kind["enum"]) && kind["enum"].length === 1 ? String(kind["enum"][0]) : undefined;
};

/** A union of a duration and the distribution objects (lifetime, bootTime, timeToRepair ...). */
const isDistribution = (node: Node): boolean =>
  Array.isArray(node["anyOf"]) && node["anyOf"].some((m) => isNode(m) && kindOf(m) === "constant");

/** A short, human type name for a schema node. */
export function typeName(node: Node): string {
  if (isDistribution(node)) return "duration or distribution";
  if (node["pattern"] === DURATION_PATTERN) return "duration";
  if (node["pattern"] === RATE_PATTERN) return "rate";
  if (Array.isArray(node["enum"])) return node["enum"].map((v) => `\`${String(v)}\``).join(" \\| ");
  if (Array.isArray(node["anyOf"])) return [...new Set(node["anyOf"].filter(isNode).map(typeName))].join(" or ");
  const type = node["type"];
  if (type === "array") return isNode(node["items"]) ? `list of ${typeName(node["items"])}` : Array.isArray(node["prefixItems"]) ? "[min, max]" : "list";
  if (type === "object" && !isNode(node["properties"])) return recordType(node);
  if (type === "integer" || type === "number") return numberType(node, type === "integer" ? "integer" : "number");
  if (type === "string" && typeof node["pattern"] === "string") return "identifier";
  return typeof type === "string" ? type : "any";
}

function recordType(node: Node): string {
  const patterns = isNode(node["patternProperties"]) ? Object.values(node["patternProperties"]).filter(isNode) : [];
  const value = patterns[0] ?? (isNode(node["additionalProperties"]) ? node["additionalProperties"] : undefined);
  return value === undefined ? "map" : `map of ${typeName(value)}`;
}

function numberType(node: Node, base: string): string {
  const bounds: string[] = [];
  if (typeof node["exclusiveMinimum"] === "number") bounds.push(`> ${node["exclusiveMinimum"]}`);
  if (typeof node["minimum"] === "number" && node["minimum"] > Number.MIN_SAFE_INTEGER) bounds.push(`≥ ${node["minimum"]}`);
  if (typeof node["maximum"] === "number" && node["maximum"] < Number.MAX_SAFE_INTEGER) bounds.push(`≤ ${node["maximum"]}`);
  if (typeof node["exclusiveMaximum"] === "number") bounds.push(`< ${node["exclusiveMaximum"]}`);
  return bounds.length === 0 ? base : `${base} ${bounds.join(", ")}`;
}

/** Rows for every field under `node`, in property order; distributions are not descended into. */
function rows(node: Node, path: string, variant?: string): Row[] {
  const out: Row[] = [];
  const properties = isNode(node["properties"]) ? node["properties"] : {};
  const required = Array.isArray(node["required"]) ? (node["required"] as string[]) : [];
  for (const [name, child] of Object.entries(properties)) {
    if (!isNode(child)) continue;
    const here = path === "" ? name : `${path}.${name}`;
    const type = typeName(child);
    const description = withoutUnitNote(String(child["description"] ?? ""));
    out.push({ path: here, type, required: required.includes(name), description, ...(variant === undefined ? {} : { variant }) });
    if (!isDistribution(child)) out.push(...descend(child, here, variant));
  }
  return out;
}

function descend(node: Node, path: string, variant: string | undefined): Row[] {
  const out: Row[] = [...rows(node, path, variant)];
  if (Array.isArray(node["anyOf"])) for (const m of node["anyOf"]) if (isNode(m)) out.push(...rows(m, path, variantOf(m) ?? variant));
  if (isNode(node["items"])) out.push(...descend(node["items"], `${path}[]`, variant));
  return out;
}

/** The type column says "duration" and the page's header its syntax: the generic note is not repeated per row. */
const withoutUnitNote = (description: string): string => description.replace(/ \(duration with a unit: [^()]*\)$/, "");

/** `call: a, b` for members `call: a` and `call: b`. */
const variantList = (variants: ReadonlyArray<string>): string => {
  const key = variants[0]!.split(": ")[0]!;
  return `${key}: ${variants.map((v) => v.slice(key.length + 2)).join(", ")}`;
};

const parentOf = (path: string): string => path.replace(/\.[^.]*$/, "");

const cell = (text: string): string => text.replaceAll(/(?<!\\)\|/g, "\\|").replaceAll("\n", " ");

/**
 * One row per field, type and text; a row that only some members of a union have (a createVolume
 * call's sizeGb) names them, one that every member has (every call's at) does not.
 */
function table(all: ReadonlyArray<Row>): string[] {
  const variantsUnder = new Map<string, Set<string>>();
  for (const r of all) if (r.variant !== undefined) variantsUnder.set(parentOf(r.path), (variantsUnder.get(parentOf(r.path)) ?? new Set()).add(r.variant));
  const groups = new Map<string, { row: Row; variants: Set<string> }>();
  for (const r of all) {
    const key = `${r.path}\u0000${r.type}\u0000${r.description}\u0000${r.required}`;
    const group = groups.get(key) ?? { row: r, variants: new Set<string>() };
    if (r.variant !== undefined) group.variants.add(r.variant);
    groups.set(key, group);
  }
  const lines = ["| Field | Type | Required | Description |", "|---|---|---|---|"];
  for (const { row, variants } of groups.values()) {
    const all = variantsUnder.get(parentOf(row.path))?.size ?? 0;
    const only = variants.size > 0 && variants.size < all && !row.path.endsWith(`.${[...variants][0]!.split(":")[0]}`) ? `(${variantList([...variants])}) ` : "";
    lines.push(`| \`${row.path}\` | ${cell(row.type)} | ${row.required ? "yes" : ""} | ${cell(only + row.description)} |`);
  }
  return lines;
}

/** The distribution kinds and their fields, from the first duration-or-distribution field found. */
function distributionSection(root: Node): string[] {
  let found: Node | undefined;
  const find = (n: unknown): void => {
    if (found !== undefined || !isNode(n)) return;
    if (isDistribution(n)) found = n;
    else for (const v of Object.values(n)) (Array.isArray(v) ? v : [v]).forEach(find);
  };
  find(root);
  if (found === undefined) return [];
  const kinds = (found["anyOf"] as unknown[]).filter(isNode).filter((m) => kindOf(m) !== undefined);
  const all = kinds.flatMap((k) => rows(k, kindOf(k)!).filter((r) => !r.path.endsWith(".kind")));
  return ["## Distributions", "", "A duration-or-distribution field takes a bare duration (a constant) or `{ kind: <kind>, ... }`:", "", ...table(all), ""];
}

/** The Markdown reference of one file kind ("Scenario" or "InfrastructureModel"). */
export function fileReferenceMarkdown(kind: string): string {
  const entry = FILE_KINDS.find((k) => k.kind === kind);
  if (entry === undefined) throw new Error(`no file kind ${kind}`);
  const root = fileJsonSchema(entry.schema, entry.title);
  const all = rows(root, "");
  const top = all.filter((r) => !/[.[]/.test(r.path));
  const nested = (section: string) => all.filter((r) => r.path.startsWith(`${section}.`) || r.path.startsWith(`${section}[`));
  const out = [
    `# The ${entry.title}: field reference`,
    "",
    `<!-- Generated by \`npm run docs\` from the descriptions in src/scenario/schema/; edit those, not this file. -->`,
    "",
    `Every field of a \`kind: ${kind}\` file; \`nfvtwin schema ${entry.short}\` prints the same as a JSON Schema for editors`,
    "([editor.md](editor.md)). Unknown fields are errors. Durations are written with a unit (`250ms`, `30s`, `5m`,",
    "`2h`, `7d`, `1h30m`), rates with a time unit (`12/h`, `3.5/m`, `200/s`, `5/d`). Sizes are plain numbers in the",
    "unit their name ends with, `Mb` for MiB and `Gb` for GiB; there are no size suffixes (32 GiB of memory is",
    "`memoryMb: 32768`).",
    "",
    "## Top level",
    "",
    ...table(top),
    "",
  ];
  for (const r of top) {
    const children = nested(r.path);
    if (children.length > 0) out.push(`## \`${r.path}\``, "", r.description === "" ? "" : `${r.description[0]!.toUpperCase()}${r.description.slice(1)}.`, "", ...table([r, ...children]), "");
  }
  out.push(...distributionSection(root));
  return `${out.join("\n").trimEnd()}\n`;
}

/** The reference documents by file name under docs/. */
export function referenceDocuments(): Record<string, string> {
  return { "scenario-reference.md": fileReferenceMarkdown("Scenario"), "model-reference.md": fileReferenceMarkdown("InfrastructureModel") };
}
