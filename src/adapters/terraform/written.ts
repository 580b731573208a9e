/**
 * Where a value that an attribute only names was written, and who else reads it: the syntactic
 * side of `WrittenAt` (src/model/location.ts). A name is followed through an expression only when
 * the expression is that name and nothing else (`var.x`, `(var.x)`, `"${var.x}"`); every other
 * mention of a name, anywhere in its module (a resource, a count, a module argument, a local, an
 * output, a variable's validation), is a reader.
 */
import type { Range } from "../../model/location.ts";
import type { Block, Body, Expr, HclFile } from "../../parse/hcl-ast.ts";
import { childExprs } from "./evaluate.ts";

export type Straight =
  | { readonly kind: "ref"; readonly root: "var" | "local"; readonly name: string; readonly range: Range }
  | { readonly kind: "literal"; readonly range: Range };

/** The expression as a lone name (`var.x`, `local.y`) or a lone literal; undefined for anything else. */
export function straight(expr: Expr): Straight | undefined {
  let e = expr;
  for (;;) {
    if (e.kind === "parens") e = e.expr;
    else if (e.kind === "template" && e.unwrap && e.parts.length === 1 && e.parts[0]!.kind === "interpolation") e = e.parts[0]!.expr;
    else break;
  }
  if (e.kind === "literal") return { kind: "literal", range: e.range };
  if (e.kind === "template" && e.parts.every((p) => p.kind === "literal")) return { kind: "literal", range: e.range };
  if (e.kind === "getattr" && e.target.kind === "variable" && (e.target.name === "var" || e.target.name === "local")) {
    return { kind: "ref", root: e.target.name, name: e.name, range: e.range };
  }
  return undefined;
}

/** One mention of `var.x` or `local.y`: what holds it and where. */
export interface RefSite {
  readonly what: string;
  readonly file: string;
  readonly range: Range;
}

/** Every mention of every `var.*` and `local.*` name in a module's files, by name. */
export function referencesOf(files: readonly HclFile[]): Map<string, RefSite[]> {
  const out = new Map<string, RefSite[]>();
  const add = (name: string, site: RefSite): void => {
    const list = out.get(name);
    if (list) list.push(site);
    else out.set(name, [site]);
  };
  const walkExpr = (e: Expr, what: string, file: string): void => {
    if (e.kind === "getattr" && e.target.kind === "variable" && (e.target.name === "var" || e.target.name === "local")) {
      add(`${e.target.name}.${e.name}`, { what, file, range: e.range });
      return;
    }
    for (const c of childExprs(e)) walkExpr(c, what, file);
  };
  const walkBody = (body: Body, what: string, file: string): void => {
    for (const a of body.attributes) walkExpr(a.expr, what, file);
    for (const b of body.blocks) walkBody(b.body, what, file);
  };
  for (const f of files) {
    for (const a of f.body.attributes) walkExpr(a.expr, a.name, f.path);
    for (const block of f.body.blocks) {
      if (block.type === "locals") {
        for (const a of block.body.attributes) walkExpr(a.expr, `local.${a.name}`, f.path);
        for (const b of block.body.blocks) walkBody(b.body, "locals", f.path);
        continue;
      }
      const what = describeBlock(block);
      const resource = block.type === "resource" || block.type === "data" || block.type === "module";
      for (const a of block.body.attributes) {
        const meta = resource && (a.name === "count" || a.name === "for_each");
        walkExpr(a.expr, meta ? `the ${a.name} of ${what}` : what, f.path);
      }
      for (const b of block.body.blocks) walkBody(b.body, what, f.path);
    }
  }
  return out;
}

function describeBlock(b: Block): string {
  const [l0, l1] = b.labels;
  switch (b.type) {
    case "resource":
      return `${l0}.${l1}`;
    case "data":
      return `data.${l0}.${l1}`;
    case "module":
    case "output":
      return `${b.type}.${l0}`;
    default:
      return [b.type, ...b.labels.map((l) => JSON.stringify(l))].join(" ");
  }
}
