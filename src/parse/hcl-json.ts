/**
 * Terraform's JSON syntax (`.tf.json`, `.tofu.json`, `.tfvars.json`) into the HCL AST. Strings are
 * templates (`"${var.x}"`); top-level block kinds have fixed label counts (`resource` two, `module`
 * one, `locals` none); below that, whether a property is a nested block depends on the provider
 * schema, so nested bodies keep every property as an attribute and are marked `json`.
 */
import type { Range } from "../model/location.ts";
import type { Attribute, Block, Body, Comment, Expr, HclFile, HclSyntaxError, ObjectItem } from "./hcl-ast.ts";
import type { ParsedExpr } from "./hcl.ts";
import type { LineIndex } from "./positions.ts";
import { parseJson } from "./json.ts";
import type { DocNode, MapEntry, MapNode } from "./tree.ts";

type TemplateParser = (text: string, rangeOf: (start: number, end: number) => Range) => ParsedExpr;

/** How many labels each top-level block kind has. */
const LABELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  module: 1,
  provider: 1,
  variable: 1,
  output: 1,
  check: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
};

export function parseJsonConfig(
  path: string,
  text: string,
  lines: LineIndex,
  variableFile: boolean,
  parseTemplate: TemplateParser,
): HclFile {
  const whole = lines.range(0, text.length);
  const parsed = parseJson(text);
  const errors: HclSyntaxError[] = [];
  const fail = (message: string, offset: number): HclFile => {
    const range = lines.range(offset, Math.min(offset + 1, text.length));
    return {
      path,
      syntax: "json",
      body: { attributes: [], blocks: [], range: whole },
      comments: [],
      errors: [{ message: `Syntax error on line ${range.startLine}: ${message}`, range }],
    };
  };
  if (!parsed.ok) return fail(parsed.error.message, parsed.error.offset);
  const root = parsed.root;
  if (root === null || root.kind !== "map") return fail("a Terraform JSON file must be an object", root?.span[0] ?? 0);
  const conv = new JsonConverter(text, lines, parseTemplate, errors);
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  for (const entry of root.entries) {
    if (entry.key === "//") conv.comment(entry);
    else if (variableFile) attributes.push(conv.attribute(entry, "literal"));
    else {
      const labels = LABELS[entry.key];
      if (labels !== undefined) conv.blocks(entry, labels, blocks);
    }
  }
  return { path, syntax: "json", body: { attributes, blocks, range: whole }, comments: conv.comments, errors };
}

class JsonConverter {
  readonly comments: Comment[] = [];

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly parseTemplate: TemplateParser,
    private readonly errors: HclSyntaxError[],
  ) {}

  /** `"resource": {"T": {"N": BODY or [BODY, ...]}}` and the like. */
  blocks(entry: MapEntry, labelCount: number, out: Block[]): void {
    const walk = (node: DocNode, labels: MapEntry[]): void => {
      if (labels.length === labelCount) {
        const keyEntry = labels[labels.length - 1] ?? entry;
        for (const bodyNode of node.kind === "seq" ? node.items : [node]) {
          if (bodyNode.kind !== "map") {
            this.error(bodyNode.span[0], `the body of a ${entry.key} block must be an object`);
            continue;
          }
          out.push({
            type: entry.key,
            typeRange: this.range(entry.keySpan[0], entry.keySpan[1]),
            labels: labels.map((l) => l.key),
            labelRanges: labels.map((l) => this.range(l.keySpan[0], l.keySpan[1])),
            body: this.body(bodyNode, entry.key),
            range: this.range(keyEntry.keySpan[0], bodyNode.span[1]),
            headerRange: this.range(keyEntry.keySpan[0], bodyNode.span[0] + 1),
          });
        }
        return;
      }
      if (node.kind !== "map") {
        this.error(node.span[0], `expected an object of ${entry.key} labels`);
        return;
      }
      for (const child of node.entries) {
        if (child.key === "//") this.comment(child);
        else walk(child.value, [...labels, child]);
      }
    };
    walk(entry.value, []);
  }

  private body(node: MapNode, blockType: string): Body {
    const attributes: Attribute[] = [];
    for (const entry of node.entries) {
      if (entry.key === "//") {
        this.comment(entry);
        continue;
      }
      attributes.push(this.attribute(entry, this.modeOf(blockType, entry.key)));
    }
    return { attributes, blocks: [], range: this.range(node.span[0], node.span[1]), json: true };
  }

  /** Variable defaults and module sources are literal values; `type` holds a type expression. */
  private modeOf(blockType: string, name: string): "literal" | "template" | "expression" {
    if (blockType === "variable") return name === "type" ? "expression" : name === "default" ? "literal" : "template";
    if (blockType === "module" && (name === "source" || name === "version")) return "literal";
    if (blockType === "terraform") return "literal";
    return "template";
  }

  attribute(entry: MapEntry, mode: "literal" | "template" | "expression"): Attribute {
    const value = entry.value;
    let expr: Expr;
    if (mode === "literal") expr = this.literal(value);
    else if (mode === "expression" && value.kind === "scalar" && typeof value.value === "string") {
      expr = this.stringExpr(value.value, value.span, "expression");
    } else expr = this.expr(value);
    return {
      name: entry.key,
      nameRange: this.range(entry.keySpan[0], entry.keySpan[1]),
      expr,
      range: this.range(entry.keySpan[0], value.span[1]),
    };
  }

  comment(entry: MapEntry): void {
    const v = entry.value;
    const text = v.kind === "scalar" && typeof v.value === "string" ? v.value : this.text.slice(v.span[0], v.span[1]);
    this.comments.push({ text, style: "json", range: this.range(entry.keySpan[0], v.span[1]) });
  }

  /** A JSON value in expression mode: strings are templates. */
  private expr(node: DocNode): Expr {
    const range = this.range(node.span[0], node.span[1]);
    switch (node.kind) {
      case "seq":
        return { kind: "tuple", items: node.items.map((n) => this.expr(n)), range };
      case "map": {
        const items: ObjectItem[] = node.entries.map((e) => ({
          key: this.stringExpr(e.key, e.keySpan, "template"),
          value: this.expr(e.value),
        }));
        return { kind: "object", items, range };
      }
      case "scalar":
        return typeof node.value === "string"
          ? this.stringExpr(node.value, node.span, "template")
          : { kind: "literal", value: node.value, range };
    }
  }

  /** A JSON value taken literally (no templates). */
  private literal(node: DocNode): Expr {
    const range = this.range(node.span[0], node.span[1]);
    switch (node.kind) {
      case "seq":
        return { kind: "tuple", items: node.items.map((n) => this.literal(n)), range };
      case "map":
        return {
          kind: "object",
          items: node.entries.map((e) => ({
            key: { kind: "literal", value: e.key, range: this.range(e.keySpan[0], e.keySpan[1]) },
            value: this.literal(e.value),
          })),
          range,
        };
      case "scalar":
        return { kind: "literal", value: node.value, range };
    }
  }

  private stringExpr(value: string, span: readonly [number, number], mode: "template" | "expression"): Expr {
    const range = this.range(span[0], span[1]);
    if (mode === "template" && !value.includes("${") && !value.includes("%{")) return { kind: "literal", value, range };
    // Positions inside the string are exact when it has no escapes; otherwise everything maps to the string.
    const raw = this.text.slice(span[0] + 1, span[1] - 1);
    const inner = span[0] + 1;
    const rangeOf =
      raw === value ? (s: number, e: number): Range => this.range(inner + s, inner + e) : (): Range => range;
    const parsed = mode === "template" ? this.parseTemplate(value, rangeOf) : this.parseExpressionText(value, rangeOf);
    this.errors.push(...parsed.errors);
    return parsed.expr;
  }

  private parseExpressionText(value: string, rangeOf: (s: number, e: number) => Range): ParsedExpr {
    // A type constraint or reference in a string: `${...}` is optional around it.
    const m = /^\$\{([\s\S]*)\}$/.exec(value.trim());
    const body = m === null ? value : m[1]!;
    const offset = m === null ? 0 : value.indexOf("${") + 2;
    const parsed = this.parseTemplate(`\${${body}}`, (s, e) => rangeOf(Math.max(0, s - 2 + offset), Math.max(0, e - 2 + offset)));
    const only = parsed.expr.kind === "template" && parsed.expr.unwrap ? parsed.expr.parts[0] : undefined;
    return only?.kind === "interpolation" ? { expr: only.expr, errors: parsed.errors } : parsed;
  }

  private error(offset: number, message: string): void {
    const range = this.range(offset, offset);
    this.errors.push({ message: `Syntax error on line ${range.startLine}: ${message}`, range });
  }

  private range(s: number, e: number): Range {
    return this.lines.range(s, e);
  }
}
