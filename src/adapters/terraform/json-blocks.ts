/**
 * Reads the nested blocks of a JSON-syntax body: a property named as a block whose value is an
 * object (one block) or an array of objects (one block each) becomes a Block; `dynamic` holds
 * `{"LABEL": {...}}`. Everything else stays an attribute.
 */
import type { Range } from "../../model/location.ts";
import type { Attribute, Block, Body, Expr, ObjectExpr } from "../../parse/hcl-ast.ts";

export function jsonBodyBlocks(body: Body, isBlock: (name: string) => boolean): Body {
  if (!body.json) return body;
  const attributes: Attribute[] = [];
  const blocks: Block[] = [...body.blocks];
  for (const attr of body.attributes) {
    const expr = attr.expr;
    if (attr.name === "dynamic" && expr.kind === "object") {
      for (const item of expr.items) {
        const label = literalKey(item.key);
        if (label === undefined) continue;
        for (const obj of objects(item.value)) blocks.push(block("dynamic", [label], [item.key.range], item.key.range, obj, item.value));
      }
      continue;
    }
    const objs = isBlock(attr.name) ? objects(expr) : [];
    if (objs.length > 0) {
      for (const obj of objs) blocks.push(block(attr.name, [], [], attr.nameRange, obj, expr));
      continue;
    }
    attributes.push(attr);
  }
  return { attributes, blocks, range: body.range, json: true };
}

/** The objects of a value that can be blocks: one object, or a non-empty array of objects. */
function objects(e: Expr): ObjectExpr[] {
  if (e.kind === "object") return [e];
  if (e.kind === "tuple" && e.items.length > 0 && e.items.every((i) => i.kind === "object")) return e.items as ObjectExpr[];
  return [];
}

function literalKey(e: Expr): string | undefined {
  return e.kind === "literal" && typeof e.value === "string" ? e.value : undefined;
}

function block(type: string, labels: string[], labelRanges: Range[], keyRange: Range, obj: ObjectExpr, whole: Expr): Block {
  const attributes: Attribute[] = [];
  for (const item of obj.items) {
    const name = literalKey(item.key);
    if (name === undefined || name === "//") continue;
    attributes.push({ name, nameRange: item.key.range, expr: item.value, range: span(item.key.range, item.value.range) });
  }
  // A single object spans from the property name; an array element spans itself.
  const single = whole === obj;
  const start = single ? keyRange : obj.range;
  const open: Range = { ...obj.range, endLine: obj.range.startLine, endColumn: obj.range.startColumn + 1 };
  return {
    type,
    typeRange: keyRange,
    labels,
    labelRanges,
    body: { attributes, blocks: [], range: obj.range, json: true },
    range: span(start, obj.range),
    headerRange: span(start, open),
  };
}

function span(a: Range, b: Range): Range {
  return { startLine: a.startLine, startColumn: a.startColumn, endLine: b.endLine, endColumn: b.endColumn };
}
