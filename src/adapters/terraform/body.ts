/** Evaluates a block body: every attribute with its ranges, nested blocks, `dynamic` blocks expanded. */
import { UnknownValue, type Value, type ValueMap } from "../../model/value.ts";
import type { Block, Body } from "../../parse/hcl-ast.ts";
import { evaluateAttribute, iterationPairs, report, withBindings, type EvalContext } from "./evaluate.ts";
import { jsonBodyBlocks } from "./json-blocks.ts";
import type { EvaluatedAttribute, EvaluatedBlock, EvaluatedBody } from "./results.ts";
import { isNestedBlockName } from "./schema.ts";
import { makeObject, unknownFrom } from "./values.ts";

export interface BodyOptions {
  /** Attribute names left out (meta-arguments such as `count`). */
  readonly skipAttributes?: ReadonlySet<string>;
  /** Block types left out (`lifecycle`, `provisioner`). */
  readonly skipBlocks?: ReadonlySet<string>;
}

export function evaluateBody(body: Body, ctx: EvalContext, options: BodyOptions = {}): EvaluatedBody {
  const b = jsonBodyBlocks(body, isNestedBlockName);
  const attributes = new Map<string, EvaluatedAttribute>();
  for (const attr of b.attributes) {
    if (options.skipAttributes?.has(attr.name)) continue;
    const value = evaluateAttribute(attr.expr, ctx);
    if (value === null) continue;
    // Only a boolean that is off can be fixed (set to true), so only such a value is followed back to where it was written.
    const written = value === false || value === "false" ? ctx.refs?.written?.(attr.expr, ctx.file) : undefined;
    attributes.set(attr.name, { name: attr.name, value, range: attr.range, nameRange: attr.nameRange, valueRange: attr.expr.range, ...(written ? { written } : {}) });
  }
  const blocks: EvaluatedBlock[] = [];
  for (const block of b.blocks) {
    if (options.skipBlocks?.has(block.type)) continue;
    if (block.type === "dynamic") blocks.push(...expandDynamic(block, ctx));
    else blocks.push({ type: block.type, labels: block.labels, range: block.range, headerRange: block.headerRange, body: evaluateBody(block.body, ctx) });
  }
  return { attributes, blocks, range: b.range };
}

/**
 * `dynamic "T" { for_each = ..., iterator = it, content { ... } }`: one T block per element, with
 * `it.key` and `it.value` (the iterator is named T unless `iterator` says otherwise). An unknown
 * `for_each` gives one block whose iterator is unknown, marked `unknownCount`.
 */
function expandDynamic(block: Block, ctx: EvalContext): EvaluatedBlock[] {
  const type = block.labels[0];
  const body = jsonBodyBlocks(block.body, (name) => name === "content" || isNestedBlockName(name));
  const content = body.blocks.find((b) => b.type === "content");
  if (type === undefined || content === undefined) {
    report(ctx, block.headerRange, "a dynamic block needs a label and a content block");
    return [];
  }
  const forEachAttr = body.attributes.find((a) => a.name === "for_each");
  if (forEachAttr === undefined) {
    report(ctx, block.headerRange, "a dynamic block needs for_each");
    return [];
  }
  const iteratorAttr = body.attributes.find((a) => a.name === "iterator");
  const iterator = iteratorName(iteratorAttr?.expr) ?? type;
  const labelsAttr = body.attributes.find((a) => a.name === "labels");
  const make = (key: Value, value: Value, unknownCount: boolean): EvaluatedBlock => {
    const inner = withBindings(ctx, [[iterator, makeObject([["key", key], ["value", value]])]]);
    const labels = labelsAttr === undefined ? [] : labelStrings(evaluateAttribute(labelsAttr.expr, inner));
    return {
      type,
      labels,
      range: block.range,
      headerRange: block.headerRange,
      body: evaluateBody(content.body, inner),
      dynamic: { key, unknownCount },
    };
  };
  const coll = evaluateAttribute(forEachAttr.expr, ctx);
  if (coll instanceof UnknownValue) {
    const u = unknownFrom(coll);
    return [make(u, u, true)];
  }
  if (coll === null) return [];
  let pairs: [Value, Value][];
  try {
    pairs = iterationPairs(coll, forEachAttr.expr.range);
  } catch {
    report(ctx, forEachAttr.expr.range, "the for_each of a dynamic block must be a collection");
    return [];
  }
  return pairs.map(([k, v]) => make(k, v, false));
}

function iteratorName(e: Block["body"]["attributes"][number]["expr"] | undefined): string | undefined {
  if (e === undefined) return undefined;
  if (e.kind === "variable") return e.name;
  if (e.kind === "literal" && typeof e.value === "string") return e.value;
  const only = e.kind === "template" && e.parts.length === 1 ? e.parts[0] : undefined;
  if (only?.kind === "literal") return only.value;
  return undefined;
}

function labelStrings(v: Value): string[] {
  return Array.isArray(v) ? (v as readonly Value[]).map((x) => (typeof x === "string" ? x : "")) : [];
}

/** The body as a value, as a reference sees it: attributes, and each block type as a list of objects. */
export function bodyValue(body: EvaluatedBody): ValueMap {
  const entries: [string, Value][] = [];
  for (const [name, attr] of body.attributes) entries.push([name, attr.value]);
  const byType = new Map<string, Value[]>();
  for (const block of body.blocks) {
    const list = byType.get(block.type) ?? [];
    list.push(block.dynamic?.unknownCount ? unknownFrom(block.dynamic.key) : bodyValue(block.body));
    byType.set(block.type, list);
  }
  for (const [type, list] of byType) if (!body.attributes.has(type)) entries.push([type, list]);
  return makeObject(entries);
}
