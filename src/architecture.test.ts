/**
 * Style rule 15: the architecture and determinism rules, enforced by a test (as TigerBeetle's tidy.zig
 * does) rather than by review. It parses every `src/**\/*.ts` with the TypeScript compiler, so comments
 * and strings never count, and checks:
 *   1. import edges against the table in style.md §A (rooms, npm packages, node builtins), that
 *      cross-room imports go through the room's index.js, that `import type`-only edges stay type-only,
 *      and that production code never imports testing/;
 *   2. no import cycles between rooms;
 *   3. banned calls outside their room: Math.random (nowhere), Date.now, new Date(, performance.now,
 *      console., process. (cli/ only).
 * Each violation reads `file:line: rule`. Test files (*.test.ts) follow the same room edges, but may also
 * import testing/, vitest, fast-check and node builtins, and may use the wall clock, console and process.
 * The testing/ room may import anything, other rooms' internals included. An import written
 * `import { type X } from` counts as a runtime import: under verbatimModuleSyntax it is not erased.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOMS = ["kernel", "domain", "nfvi", "placement", "vim", "ccm", "metrics", "ingest", "scenario", "report", "lib", "cli", "testing"] as const;
type Room = (typeof ROOMS)[number];
const ANY = "*";

interface RoomRule {
  /** Rooms this room may import at runtime. */
  readonly rooms: ReadonlyArray<Room | typeof ANY>;
  /** Rooms this room may import only with `import type` / `export type`. */
  readonly typeOnlyRooms: ReadonlyArray<Room>;
  /** npm packages (by package name) this room may import. */
  readonly packages: ReadonlyArray<string>;
  readonly nodeBuiltins: boolean;
}

/** The table of style.md §A, exactly; anything not listed is forbidden. */
const RULES: Record<Room, RoomRule> = {
  kernel: { rooms: [], typeOnlyRooms: [], packages: ["seedrandom"], nodeBuiltins: false },
  domain: { rooms: [], typeOnlyRooms: ["kernel"], packages: [], nodeBuiltins: false },
  nfvi: { rooms: ["kernel", "domain"], typeOnlyRooms: [], packages: [], nodeBuiltins: false },
  placement: { rooms: ["domain", "nfvi"], typeOnlyRooms: ["kernel"], packages: [], nodeBuiltins: false },
  vim: { rooms: ["kernel", "domain", "nfvi", "placement", "metrics"], typeOnlyRooms: [], packages: [], nodeBuiltins: false },
  // ccm is one more consumer of the VIM: its public index only (never nfvi or placement directly).
  ccm: { rooms: ["kernel", "domain", "vim", "metrics"], typeOnlyRooms: [], packages: [], nodeBuiltins: false },
  metrics: { rooms: ["domain"], typeOnlyRooms: ["kernel"], packages: [], nodeBuiltins: false },
  // ingest reads what users already have (an OpenStack site's API answers, nova.conf, demand traces)
  // as pure functions of text: mapping, parsing and fitting, never I/O (cli/ fetches and streams).
  ingest: { rooms: ["kernel", "domain"], typeOnlyRooms: [], packages: ["effect", "yaml"], nodeBuiltins: false },
  scenario: {
    rooms: ["kernel", "domain", "nfvi", "placement", "vim", "ccm", "metrics", "ingest"],
    typeOnlyRooms: [],
    packages: ["effect", "yaml"],
    nodeBuiltins: false,
  },
  report: { rooms: ["domain", "metrics"], typeOnlyRooms: ["scenario", "ccm"], packages: ["d3-node"], nodeBuiltins: false },
  // lib is the library's edge (the package's "." export): re-exports, and node:fs for loadScenario(path).
  lib: {
    rooms: ["kernel", "domain", "nfvi", "placement", "vim", "ccm", "metrics", "ingest", "scenario", "report"],
    typeOnlyRooms: [],
    // sql.js: SQLite as WebAssembly, for Azure Packing traces (sqlite-lines.ts).
    packages: ["sql.js"],
    nodeBuiltins: true,
  },
  // cli is the edge: any room but testing, Effect's CLI and Node platform, node builtins.
  cli: {
    rooms: ["kernel", "domain", "nfvi", "placement", "vim", "ccm", "metrics", "ingest", "scenario", "report", "lib"],
    typeOnlyRooms: [],
    packages: ["effect", "@effect/platform-node"],
    nodeBuiltins: true,
  },
  testing: { rooms: [ANY], typeOnlyRooms: [], packages: [ANY], nodeBuiltins: true },
};

/** What a test file may import on top of its room's rule. */
const TEST_PACKAGES = ["vitest", "fast-check"];
/** seedrandom is allowed in exactly one file (rule 5: every draw goes through named streams). */
const SEEDRANDOM_FILE = "src/kernel/rng.ts";
/** Rooms where the wall clock, console and process are allowed (rule 4). */
const EDGE_ROOMS: ReadonlyArray<Room> = ["cli"];

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}
const show = (v: Violation): string => `${v.file}:${v.line}: ${v.rule}`;

interface ImportEdge {
  readonly specifier: string;
  readonly typeOnly: boolean;
  readonly line: number;
}

interface ScannedFile {
  readonly file: string;
  readonly room: Room | undefined;
  readonly isTest: boolean;
  readonly imports: ReadonlyArray<ImportEdge & { readonly targetRoom?: Room }>;
  readonly violations: ReadonlyArray<Violation>;
}

const roomOf = (file: string): Room | undefined => {
  const [top, first, rest] = file.split("/");
  if (top !== "src" || rest === undefined) return undefined;
  return (ROOMS as ReadonlyArray<string>).includes(first ?? "") ? (first as Room) : undefined;
};

const isBuiltin = (specifier: string): boolean => specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0] ?? "");
const packageName = (specifier: string): string => {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
};

/** Every import/export-from and dynamic import in a parsed file, with whether it is type-only. */
function collectImports(source: ts.SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // Under verbatimModuleSyntax only `import type` is erased; `import { type X }` stays a runtime import.
      edges.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly === true, line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      edges.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      edges.push({ specifier: node.argument.literal.text, typeOnly: true, line: lineOf(node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg !== undefined && ts.isStringLiteral(arg)) edges.push({ specifier: arg.text, typeOnly: false, line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) edges.push({ specifier: ref.text, typeOnly: node.isTypeOnly, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Checks one import against the room table; returns the rule it breaks, if any. */
function checkImport(file: string, room: Room, isTest: boolean, edge: ImportEdge): { rule?: string; targetRoom?: Room } {
  const rule = RULES[room];
  const spec = edge.specifier;
  if (spec.startsWith(".")) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    if (!target.startsWith("src/")) return { rule: `imports ${spec} from outside src/` };
    const targetRoom = roomOf(target);
    if (targetRoom === undefined) return { rule: `imports ${spec}, which is in no room of src/` };
    if (targetRoom === room) return {};
    if (targetRoom === "testing" && isTest) return { targetRoom };
    if (targetRoom === "testing") return { rule: "production code must not import testing/", targetRoom };
    // testing/ may import anything, internals included (TigerBeetle's src/testing reaches into modules).
    if (room !== "testing" && !/^src\/[a-z-]+\/index\.(js|ts)$/.test(target)) {
      return { rule: `imports ${spec}: other rooms are imported only through ../${targetRoom}/index.js`, targetRoom };
    }
    if (rule.rooms.includes(ANY) || rule.rooms.includes(targetRoom)) return { targetRoom };
    if (rule.typeOnlyRooms.includes(targetRoom)) {
      return edge.typeOnly ? { targetRoom } : { rule: `${room} may import ${targetRoom} only with \`import type\``, targetRoom };
    }
    return { rule: `${room} must not import ${targetRoom} (allowed: ${describeAllowed(rule)})`, targetRoom };
  }
  if (isBuiltin(spec)) {
    return rule.nodeBuiltins || isTest ? {} : { rule: `${room} must not import ${spec} (node builtins only in cli/)` };
  }
  const name = packageName(spec);
  if (name === "seedrandom" && file !== SEEDRANDOM_FILE && !isTest) return { rule: `seedrandom is imported only by ${SEEDRANDOM_FILE}` };
  if (rule.packages.includes(ANY) || rule.packages.includes(name) || (isTest && TEST_PACKAGES.includes(name))) return {};
  return { rule: `${room} must not import package ${name} (allowed: ${rule.packages.join(", ") || "none"})` };
}

const describeAllowed = (rule: RoomRule): string =>
  [...rule.rooms, ...rule.typeOnlyRooms.map((r) => `${r} (types)`)].join(", ") || "no other room";

/** Names bound in the file (variables, parameters, imports): a local `process` is not the global. */
function declaredNames(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name)) names.add(node.name.text);
    if ((ts.isImportClause(node) || ts.isImportSpecifier(node) || ts.isNamespaceImport(node)) && node.name !== undefined) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** Banned calls (rules 4, 5): Math.random everywhere; wall clock, console and process outside cli/. */
function bannedCalls(file: string, source: ts.SourceFile, room: Room | undefined, isTest: boolean): Violation[] {
  const out: Violation[] = [];
  const edge = room !== undefined && EDGE_ROOMS.includes(room);
  const wallClockAllowed = edge || isTest;
  const localProcess = declaredNames(source).has("process");
  const report = (node: ts.Node, rule: string): void => {
    out.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, rule });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const owner = node.expression.text;
      const member = node.name.text;
      if (owner === "Math" && member === "random") report(node, "Math.random is banned: draw from a named stream (rule 5)");
      if (!wallClockAllowed && owner === "Date" && member === "now") report(node, "Date.now is allowed only in cli/ (rule 4)");
      if (!wallClockAllowed && owner === "performance" && member === "now") report(node, "performance.now is allowed only in cli/ (rule 4)");
      if (!wallClockAllowed && owner === "console") report(node, "console. is allowed only in cli/");
      if (!wallClockAllowed && owner === "process" && !localProcess) report(node, "process. is allowed only in cli/");
    }
    if (!wallClockAllowed && ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "Date") {
      report(node, "new Date( is allowed only in cli/ (rule 4)");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Scans one file's text: its imports (with target rooms) and every violation found in it. */
function scanSource(file: string, text: string): ScannedFile {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const room = roomOf(file);
  const isTest = file.endsWith(".test.ts");
  const violations: Violation[] = [];
  const imports: Array<ImportEdge & { targetRoom?: Room }> = [];
  if (room === undefined && !isTest) violations.push({ file, line: 1, rule: `file is in no room (rooms: ${ROOMS.join(", ")})` });
  for (const edge of collectImports(source)) {
    if (room === undefined) continue;
    const { rule, targetRoom } = checkImport(file, room, isTest, edge);
    imports.push(targetRoom === undefined ? edge : { ...edge, targetRoom });
    if (rule !== undefined) violations.push({ file, line: edge.line, rule });
  }
  violations.push(...bannedCalls(file, source, room, isTest));
  return { file, room, isTest, imports, violations };
}

/** Cycles in the room graph of production imports (types included), each as `a → b → a` with one example per edge. */
function roomCycles(files: ReadonlyArray<ScannedFile>): string[] {
  const edges = new Map<Room, Map<Room, string>>();
  for (const f of files) {
    if (f.isTest || f.room === undefined) continue;
    for (const imp of f.imports) {
      if (imp.targetRoom === undefined || imp.targetRoom === f.room) continue;
      const out = edges.get(f.room) ?? new Map<Room, string>();
      if (!out.has(imp.targetRoom)) out.set(imp.targetRoom, `${f.file}:${imp.line}`);
      edges.set(f.room, out);
    }
  }
  const cycles: string[] = [];
  const state = new Map<Room, "open" | "done">();
  const stack: Room[] = [];
  const visit = (room: Room): void => {
    state.set(room, "open");
    stack.push(room);
    for (const [next, example] of [...(edges.get(room) ?? [])].sort()) {
      if (state.get(next) === "open") {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        cycles.push(`import cycle between rooms: ${loop.join(" → ")} (e.g. ${example})`);
      } else if (state.get(next) === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(room, "done");
  };
  for (const room of ROOMS) if (state.get(room) === undefined) visit(room);
  return cycles;
}

function listSourceFiles(root: string, dir = "src"): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listSourceFiles(root, rel));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(rel);
  }
  return out.sort();
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

describe("architecture (style rule 15)", () => {
  const files = listSourceFiles(REPO_ROOT)
    .filter((file) => file !== "src/architecture.test.ts")
    .map((file) => scanSource(file, readFileSync(path.join(REPO_ROOT, file), "utf8")));

  it("scans the source tree", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.file === SEEDRANDOM_FILE)).toBe(true);
  });

  it("keeps import edges, packages and banned calls to the table", () => {
    expect(files.flatMap((f) => f.violations).map(show)).toEqual([]);
  });

  it("has no import cycles between rooms", () => {
    expect(roomCycles(files)).toEqual([]);
  });
});

describe("architecture scanner self-test (the checks can fail)", () => {
  const planted = [
    'import { Host } from "../vim/index.js";',
    'import { EventQueue } from "../kernel/event-queue.js";',
    'import { fixture } from "../testing/index.js";',
    'import { Effect } from "effect";',
    'import { readFileSync } from "node:fs";',
    'import type { Simulation } from "../kernel/index.js";',
    "// Math.random() in a comment is fine, and so is console.log",
    'const text = "Date.now() in a string is fine";',
    "export const roll = (): number => Math.random() + Date.now() + new Date().getTime();",
    "export const log = (): void => console.log(process.env);",
  ].join("\n");

  it("reports each planted violation as file:line: rule, and nothing in comments or strings", () => {
    const scanned = scanSource("src/nfvi/planted.ts", planted).violations.map(show);
    expect(scanned).toEqual([
      "src/nfvi/planted.ts:1: nfvi must not import vim (allowed: kernel, domain)",
      "src/nfvi/planted.ts:2: imports ../kernel/event-queue.js: other rooms are imported only through ../kernel/index.js",
      "src/nfvi/planted.ts:3: production code must not import testing/",
      "src/nfvi/planted.ts:4: nfvi must not import package effect (allowed: none)",
      "src/nfvi/planted.ts:5: nfvi must not import node:fs (node builtins only in cli/)",
      "src/nfvi/planted.ts:9: Math.random is banned: draw from a named stream (rule 5)",
      "src/nfvi/planted.ts:9: Date.now is allowed only in cli/ (rule 4)",
      "src/nfvi/planted.ts:9: new Date( is allowed only in cli/ (rule 4)",
      "src/nfvi/planted.ts:10: console. is allowed only in cli/",
      "src/nfvi/planted.ts:10: process. is allowed only in cli/",
    ]);
  });

  it("enforces type-only edges, index.js entry points and the seedrandom file", () => {
    const placement = scanSource("src/placement/p.ts", 'import { Simulation } from "../kernel/index.js";\nimport type { X } from "../kernel/index.js";');
    expect(placement.violations.map(show)).toEqual(["src/placement/p.ts:1: placement may import kernel only with `import type`"]);
    const deep = scanSource("src/vim/v.ts", 'import { EventQueue } from "../kernel/event-queue.js";');
    expect(deep.violations.map(show)).toEqual(["src/vim/v.ts:1: imports ../kernel/event-queue.js: other rooms are imported only through ../kernel/index.js"]);
    const seeded = scanSource("src/kernel/other.ts", 'import seedrandom from "seedrandom";');
    expect(seeded.violations.map(show)).toEqual(["src/kernel/other.ts:1: seedrandom is imported only by src/kernel/rng.ts"]);
    const local = scanSource("src/kernel/p.ts", "export const f = (process: { id: number }): number => process.id;");
    expect(local.violations).toEqual([]);
  });

  it("finds a cycle between rooms", () => {
    const a = scanSource("src/nfvi/a.ts", 'import { x } from "../vim/index.js";');
    const b = scanSource("src/vim/b.ts", 'import { y } from "../nfvi/index.js";');
    expect(roomCycles([a, b])).toEqual(["import cycle between rooms: nfvi → vim → nfvi (e.g. src/vim/b.ts:1)"]);
  });
});
