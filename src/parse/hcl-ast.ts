/**
 * The HCL syntax tree shared by the native syntax (`.tf`, `.tofu`, `.tfvars`) and the JSON syntax
 * (`.tf.json`, `.tofu.json`, `.tfvars.json`). Every node keeps its Range (1-based, UTF-16 columns).
 * Template literals are already decoded: escapes, `$${`/`%%{`, strip markers (`~`) and `<<-`
 * indentation are applied at parse time, as HCL does.
 */
import type { Range } from "../model/location.ts";

export interface HclFile {
  readonly path: string;
  readonly syntax: "native" | "json";
  readonly body: Body;
  readonly comments: readonly Comment[];
  /** Syntax errors; the blocks and attributes that contain one are left out of `body`. */
  readonly errors: readonly HclSyntaxError[];
}

export interface HclSyntaxError {
  readonly message: string;
  readonly range: Range;
}

/** `#`, `//` and `/* *\/` comments; in JSON syntax, the string values of `"//"` properties. */
export interface Comment {
  readonly text: string;
  readonly style: "#" | "//" | "/*" | "json";
  readonly range: Range;
}

export interface Body {
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
  readonly range: Range;
  /**
   * JSON syntax only: below the top level, a property holding an object (or an array of objects)
   * may be a nested block or an attribute, which only a schema can tell. Such properties are kept
   * as attributes; `jsonBodyBlocks` (adapters/terraform/json-blocks.ts) reads them as blocks.
   */
  readonly json?: true;
}

export interface Attribute {
  readonly name: string;
  readonly nameRange: Range;
  readonly expr: Expr;
  /** From the first character of the name to the last character of the value. */
  readonly range: Range;
}

export interface Block {
  readonly type: string;
  readonly typeRange: Range;
  readonly labels: readonly string[];
  readonly labelRanges: readonly Range[];
  readonly body: Body;
  /** From the type name to the closing `}`. */
  readonly range: Range;
  /** From the type name through the opening `{`. */
  readonly headerRange: Range;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ForExpr
  | ParenExpr
  | InvalidExpr;

export interface LiteralExpr {
  readonly kind: "literal";
  readonly value: null | boolean | number | string;
  readonly range: Range;
}

/** A quoted string with interpolations or directives, or a heredoc. */
export interface TemplateExpr {
  readonly kind: "template";
  readonly parts: readonly TemplatePart[];
  /** A single interpolation and nothing else: its value is returned as is, not converted to a string. */
  readonly unwrap: boolean;
  readonly range: Range;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral {
  readonly kind: "literal";
  readonly value: string;
  readonly range: Range;
}

export interface TemplateInterpolation {
  readonly kind: "interpolation";
  readonly expr: Expr;
  readonly range: Range;
}

export interface TemplateIf {
  readonly kind: "if";
  readonly condition: Expr;
  readonly then: readonly TemplatePart[];
  readonly else: readonly TemplatePart[];
  readonly range: Range;
}

export interface TemplateFor {
  readonly kind: "for";
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expr;
  readonly body: readonly TemplatePart[];
  readonly range: Range;
}

export interface TupleExpr {
  readonly kind: "tuple";
  readonly items: readonly Expr[];
  readonly range: Range;
}

export interface ObjectItem {
  /** A bare identifier key (`{ name = 1 }`) is a literal string expression. */
  readonly key: Expr;
  readonly value: Expr;
}

export interface ObjectExpr {
  readonly kind: "object";
  readonly items: readonly ObjectItem[];
  readonly range: Range;
}

export interface VariableExpr {
  readonly kind: "variable";
  readonly name: string;
  readonly range: Range;
}

export interface GetAttrExpr {
  readonly kind: "getattr";
  readonly target: Expr;
  readonly name: string;
  readonly range: Range;
}

export interface IndexExpr {
  readonly kind: "index";
  readonly target: Expr;
  readonly key: Expr;
  readonly range: Range;
}

/**
 * `source[*].a.b` (full splat: every following step is applied to each element) or
 * `source.*.a` (attribute-only splat: only the attribute steps are). `each` is an expression over
 * a SplatItemExpr that stands for the current element.
 */
export interface SplatExpr {
  readonly kind: "splat";
  readonly source: Expr;
  readonly each: Expr;
  readonly full: boolean;
  readonly range: Range;
}

export interface SplatItemExpr {
  readonly kind: "splat-item";
  readonly range: Range;
}

export interface CallExpr {
  readonly kind: "call";
  readonly name: string;
  readonly nameRange: Range;
  readonly args: readonly Expr[];
  /** The last argument is followed by `...`: its elements are the remaining arguments. */
  readonly expandFinal: boolean;
  readonly range: Range;
}

export interface UnaryExpr {
  readonly kind: "unary";
  readonly op: "-" | "!";
  readonly operand: Expr;
  readonly range: Range;
}

export type BinaryOp = "*" | "/" | "%" | "+" | "-" | ">" | ">=" | "<" | "<=" | "==" | "!=" | "&&" | "||";

export interface BinaryExpr {
  readonly kind: "binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly range: Range;
}

export interface ConditionalExpr {
  readonly kind: "conditional";
  readonly condition: Expr;
  readonly whenTrue: Expr;
  readonly whenFalse: Expr;
  readonly range: Range;
}

/** `[for k, v in coll : value if cond]`, or with `keyExpr` the object form `{for ... : key => value}`. */
export interface ForExpr {
  readonly kind: "for";
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expr;
  readonly keyExpr?: Expr;
  readonly valueExpr: Expr;
  readonly condition?: Expr;
  /** Object form with `...` after the value: values with the same key are grouped into tuples. */
  readonly grouping: boolean;
  readonly range: Range;
}

export interface ParenExpr {
  readonly kind: "parens";
  readonly expr: Expr;
  readonly range: Range;
}

/** Stands where the source could not be read (a syntax error inside an expression, too deep nesting). */
export interface InvalidExpr {
  readonly kind: "invalid";
  readonly message: string;
  readonly range: Range;
}

/** The innermost expression under any parentheses. */
export function unparen(e: Expr): Expr {
  let x = e;
  while (x.kind === "parens") x = x.expr;
  return x;
}
