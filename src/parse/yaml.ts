import { isAlias, isMap, isScalar, isSeq, parseDocument, type CollectionTag, type Document, type Node as YNode, type ScalarTag } from "yaml";
import { MAX_DEPTH, MAX_NODES, type DocNode, type MapEntry, type ParseProblem, type ParseResult } from "./tree.ts";

/** CloudFormation short-form tags and the long-form key each stands for. */
const SHORT_TAGS: Readonly<Record<string, string>> = {
  "!Ref": "Ref",
  "!Condition": "Condition",
  "!Sub": "Fn::Sub",
  "!GetAtt": "Fn::GetAtt",
  "!If": "Fn::If",
  "!Equals": "Fn::Equals",
  "!Not": "Fn::Not",
  "!And": "Fn::And",
  "!Or": "Fn::Or",
  "!Join": "Fn::Join",
  "!Select": "Fn::Select",
  "!Split": "Fn::Split",
  "!FindInMap": "Fn::FindInMap",
  "!ImportValue": "Fn::ImportValue",
  "!Base64": "Fn::Base64",
  "!Cidr": "Fn::Cidr",
  "!GetAZs": "Fn::GetAZs",
  "!Transform": "Fn::Transform",
  "!Length": "Fn::Length",
  "!ToJsonString": "Fn::ToJsonString",
  "!ForEach": "Fn::ForEach",
};

/**
 * The short-form tags declared to the YAML library, each resolving to the plain value, which is
 * what the library makes of an unknown tag; undeclared, every one of them costs a warning object
 * (an Error, stack trace included) that nobody reads. The Walker turns them into functions.
 */
const DECLARED_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_TAGS).flatMap((tag) => [
  { tag, resolve: (s: string) => s },
  { tag, collection: "map" as const },
  { tag, collection: "seq" as const },
]);

/** Tags YAML itself defines; they are not CloudFormation functions. */
const CORE_TAGS = /^(tag:yaml\.org,2002:|!!)/;

class YamlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse YAML into a DocNode tree: YAML 1.1 for CloudFormation templates (as CloudFormation reads
 * them), 1.2 for trailguard's own configuration. */
export function parseYaml(text: string, version: "1.1" | "1.2" = "1.1"): ParseResult {
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { version, uniqueKeys: false, merge: false, prettyErrors: false, customTags: DECLARED_TAGS });
  } catch (e) {
    return { ok: false, error: { message: e instanceof RangeError ? "document is nested too deeply" : String(e), offset: 0 } };
  }
  const err = doc.errors[0];
  if (err) return { ok: false, error: { message: cleanMessage(err.message), offset: err.pos[0] } };
  const walker = new Walker(text, doc);
  try {
    const root = doc.contents ? walker.node(doc.contents as YNode, 0, 0) : null;
    return { ok: true, root, warnings: walker.warnings };
  } catch (e) {
    if (e instanceof YamlError) return { ok: false, error: { message: e.message, offset: e.offset } };
    if (e instanceof RangeError) return { ok: false, error: { message: "document is nested too deeply", offset: 0 } };
    throw e;
  }
}

function cleanMessage(m: string): string {
  return m.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

class Walker {
  readonly warnings: ParseProblem[] = [];
  private count = 0;

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {}

  node(n: YNode, depth: number, floor: number): DocNode {
    if (depth > MAX_DEPTH) throw new YamlError(`nesting deeper than ${MAX_DEPTH} levels`, n.range?.[0] ?? 0);
    if (++this.count > MAX_NODES) throw new YamlError("document too large after alias expansion", n.range?.[0] ?? 0);
    if (isAlias(n)) {
      const target = n.resolve(this.doc);
      if (!target) throw new YamlError(`unknown alias *${n.source}`, n.range?.[0] ?? 0);
      return this.node(target as YNode, depth + 1, floor);
    }
    const start = n.range?.[0] ?? 0;
    const end = n.range?.[1] ?? start;
    const plain = this.plainNode(n, depth, start, end);
    const tag = n.tag;
    if (!tag || CORE_TAGS.test(tag)) return plain;
    const long = SHORT_TAGS[tag];
    const tagStart = this.findTag(tag, start, floor);
    if (!long) {
      this.warnings.push({ message: `unknown tag ${tag}`, offset: tagStart });
      return plain;
    }
    let value = plain;
    if (long === "Fn::GetAtt" && plain.kind === "scalar" && typeof plain.value === "string") {
      // `!GetAtt Res.Attr` is the same as the list form: split at the first dot.
      const dot = plain.value.indexOf(".");
      const parts = dot < 0 ? [plain.value] : [plain.value.slice(0, dot), plain.value.slice(dot + 1)];
      value = { kind: "seq", span: plain.span, items: parts.map((p) => ({ kind: "scalar", value: p, span: plain.span })) };
    }
    return { kind: "map", span: [tagStart, end], entries: [{ key: long, keySpan: [tagStart, tagStart + tag.length], value }] };
  }

  private plainNode(n: YNode, depth: number, start: number, end: number): DocNode {
    if (isMap(n)) {
      const entries: MapEntry[] = [];
      const seen = new Set<string>();
      let prev = start;
      for (const pair of n.items) {
        const k = pair.key as YNode | null;
        if (!k || !isScalar(k)) throw new YamlError("only scalar mapping keys are supported", k?.range?.[0] ?? prev);
        // Keys keep their text: `On:` and `2010-09-09:` are names, not a boolean or a date.
        const key = typeof k.value === "string" ? k.value : (k.source ?? String(k.value));
        const keySpan = [k.range![0], k.range![1]] as const;
        // Checked here rather than by the YAML library, whose check is quadratic in the map's size.
        if (seen.has(key)) throw new YamlError(`Map keys must be unique: "${key}" appears twice`, keySpan[0]);
        seen.add(key);
        const v = pair.value as YNode | null;
        const value: DocNode = v ? this.node(v, depth + 1, keySpan[1]) : { kind: "scalar", value: null, span: [keySpan[1], keySpan[1]] };
        entries.push({ key, keySpan, value });
        prev = value.span[1];
      }
      return { kind: "map", span: [start, end], entries };
    }
    if (isSeq(n)) {
      const items: DocNode[] = [];
      let prev = start;
      for (const item of n.items) {
        const node = item ? this.node(item as YNode, depth + 1, prev) : ({ kind: "scalar", value: null, span: [prev, prev] } as const);
        items.push(node);
        prev = node.span[1];
      }
      return { kind: "seq", span: [start, end], items };
    }
    if (isScalar(n)) {
      const v = n.value;
      const value = typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v === null ? v : scalarText(n);
      return typeof value !== "string" && n.source !== undefined
        ? { kind: "scalar", span: [start, end], value, raw: n.source }
        : { kind: "scalar", span: [start, end], value };
    }
    throw new YamlError("unsupported YAML node", start);
  }

  /** The tag's own offset: it precedes the node, after the previous key or item. */
  private findTag(tag: string, nodeStart: number, floor: number): number {
    const at = this.text.lastIndexOf(tag, nodeStart);
    return at >= floor ? at : nodeStart;
  }
}

function scalarText(n: YNode): string {
  if (!isScalar(n)) return "";
  const v = n.value;
  if (typeof v === "string") return v;
  // Dates, binary and other YAML 1.1 types keep their source text (CloudFormation reads strings).
  if (v instanceof Date || typeof v === "object") return n.source ?? String(v);
  return n.source !== undefined && typeof v !== "number" && typeof v !== "boolean" ? n.source : String(v);
}
