/**
 * The layer rules of the repository (docs: README "Layers"): imports only run down.
 *
 *   tools/ -> anything     stacks/ -> components/, platform-rules/     components/ -> platform-rules/
 *   policies/ -> platform-rules/     services/ -> platform-rules/     platform-rules/ -> nothing of ours
 *
 * Nothing imports tools/. Tests obey the same rules as the code they test. Every import counts:
 * `import type`, re-exports, `require()` and `import()`. Within a layer, files may not import
 * each other in a cycle (type-only cycles included: they still couple the files).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";

export const LAYERS = ["platform-rules", "components", "services", "policies", "stacks", "tools"] as const;
export type Layer = (typeof LAYERS)[number];

/** What each layer may import besides itself. */
export const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  "platform-rules": [],
  components: ["platform-rules"],
  services: ["platform-rules"],
  policies: ["platform-rules"],
  stacks: ["components", "platform-rules"],
  tools: ["platform-rules", "components", "services", "policies", "stacks"],
};

export interface Edge {
  /** Importing file, from the repository root, with `/` separators. */
  readonly from: string;
  /** Imported file, likewise. */
  readonly to: string;
}

const SOURCE = /\.(ts|js|cjs|mjs)$/;
const SKIP = new Set(["node_modules", "bin", "dist", ".git"]);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

function resolveFile(base: string): string | undefined {
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.js`,
    `${base}.json`,
    join(base, "index.ts"),
    join(base, "index.js"),
  ]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

const posix = (path: string): string => path.split(sep).join("/");

/** Module specifiers of one file: imports and re-exports (type-only too), require(), import(), import types. */
export function specifiersOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    false,
    fileName.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS,
  );
  const out: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) out.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      literal(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      if (isRequire || callee.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every relative import between our source files, found by parsing each with TypeScript. */
export function collectEdges(root: string): Edge[] {
  const files = LAYERS.flatMap((layer) => {
    try {
      return walk(join(root, layer), []);
    } catch {
      return [];
    }
  });
  const edges: Edge[] = [];
  for (const file of files) {
    for (const fileName of specifiersOf(file, readFileSync(file, "utf8"))) {
      if (!fileName.startsWith(".")) continue;
      const target = resolveFile(resolve(dirname(file), fileName));
      if (target === undefined) throw new Error(`${posix(relative(root, file))}: cannot resolve import "${fileName}"`);
      edges.push({ from: posix(relative(root, file)), to: posix(relative(root, target)) });
    }
  }
  return edges;
}

const layerOf = (path: string): string => path.split("/")[0];

/** Imports that run up or sideways between layers, as readable lines. */
export function layerViolations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = layerOf(from) as Layer;
    const b = layerOf(to);
    if (a === b) continue;
    if (!(LAYERS as readonly string[]).includes(b)) {
      out.push(`${from} -> ${to}: ${b}/ is outside the layers`);
    } else if (!ALLOWED[a].includes(b as Layer)) {
      const may = ALLOWED[a].length > 0 ? ALLOWED[a].map((l) => `${l}/`).join(", ") : "nothing of ours";
      out.push(`${from} -> ${to}: ${a}/ may import only ${may}`);
    }
  }
  return out;
}

/** Import cycles between files (Tarjan's strongly connected components), each as its files. */
export function importCycles(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indexOf.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!indexOf.has(v)) visit(v);
  return cycles;
}
