/**
 * One pass over the tree-sitter concrete syntax tree with a cursor (FastCursor, ts-cursor.ts),
 * producing the typed AST of hcl-ast.ts. Node types are told apart by number (HclGrammar maps each
 * type id to a kind once), and text is only sliced from the source where the AST keeps it.
 * Offsets from tree-sitter are UTF-16 code units into the parsed string (web-tree-sitter parses JS
 * strings as UTF-16); the caller's `rangeOf` maps them to file ranges (the parsed string may be a
 * piece of a file, or a wrapper around a template taken from a JSON string).
 *
 * Grammar quirks handled here:
 *  - postfix steps (`.a`, `[i]`, `[*]`, `.*`) are siblings of their operand, not parents;
 *  - the conditional is parsed left-associative; HCL's is right-associative, so
 *    `a ? b : c ? d : e` is rotated into `a ? b : (c ? d : e)`;
 *  - whitespace inside templates is not part of any node, so literal text is read from the gaps
 *    between interpolations and directives.
 */
import type { Node } from "web-tree-sitter";
import type { Range } from "../model/location.ts";
import type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Comment,
  ConditionalExpr,
  Expr,
  HclSyntaxError,
  ObjectItem,
  TemplateExpr,
} from "./hcl-ast.ts";
import { assembleTemplate, decodeQuoted, heredocPieces, type FlatToken } from "./hcl-template.ts";
import type { CstCursor, TsRuntime } from "./ts-cursor.ts";

/** Expressions nested deeper than this are replaced by an InvalidExpr and reported. */
export const MAX_EXPR_DEPTH = 600;

type Step =
  | { readonly k: "attr"; readonly name: string; readonly end: number }
  | { readonly k: "index"; readonly key: Expr; readonly end: number }
  | { readonly k: "full-splat"; readonly start: number; readonly end: number }
  | { readonly k: "attr-splat"; readonly start: number; readonly end: number };

/** The node types the converter tells apart, as small numbers: named after the grammar's types, except `other` and the last three. */
const K = {
  other: 0,
  ERROR: 1,
  comment: 2,
  body: 3,
  attribute: 4,
  block: 5,
  identifier: 6,
  string_lit: 7,
  block_start: 8,
  block_end: 9,
  object: 10,
  expression: 11,
  operation: 12,
  collection_value: 13,
  template_expr: 14,
  for_expr: 15,
  literal_value: 16,
  variable_expr: 17,
  binary_operation: 18,
  unary_operation: 19,
  conditional: 20,
  tuple: 21,
  function_call: 22,
  for_tuple_expr: 23,
  for_object_expr: 24,
  quoted_template: 25,
  heredoc_template: 26,
  get_attr: 27,
  index: 28,
  splat: 29,
  legacy_index: 30,
  full_splat: 31,
  object_elem: 32,
  function_arguments: 33,
  ellipsis: 34,
  for_intro: 35,
  for_cond: 36,
  heredoc_start: 37,
  heredoc_identifier: 38,
  template_interpolation: 39,
  template_directive: 40,
  template_if: 41,
  template_for: 42,
  template_if_intro: 43,
  template_else_intro: 44,
  template_if_end: 45,
  template_for_start: 46,
  template_for_end: 47,
  /** `(` and `)` among an operand's siblings. */
  open_paren: 48,
  close_paren: 49,
  /** Any other anonymous token that can appear among an operand's siblings: an operator. */
  operator: 50,
} as const;

/** The Terraform grammar as the converter reads it: the kind of each node type id, and the runtime to walk trees with. */
export class HclGrammar {
  private readonly kinds: Uint8Array;

  /** `types` is the language's list of node type names by id (Language.types). */
  constructor(
    readonly runtime: TsRuntime,
    private readonly types: readonly (string | null | undefined)[],
  ) {
    const named = K as Readonly<Record<string, number>>;
    this.kinds = Uint8Array.from(types, (_, id) => {
      const name = this.nameOf(id);
      if (name === "(") return K.open_paren;
      if (name === ")") return K.close_paren;
      // The anonymous tokens among an operand's siblings, ( ) * / % + - > >= < <= == != && || !, are
      // all one or two characters; types of named nodes are words.
      if (name.length <= 2) return K.operator;
      return Object.hasOwn(named, name) ? named[name]! : K.other;
    });
  }

  /** The type's name as web-tree-sitter gives it (an unnamed or hidden id reads as ERROR). */
  nameOf(typeId: number): string {
    return this.types[typeId] || "ERROR";
  }

  kindOf(typeId: number): number {
    return typeId < this.kinds.length ? this.kinds[typeId]! : K.ERROR;
  }
}

export class CstConverter {
  readonly comments: Comment[] = [];
  readonly errors: HclSyntaxError[] = [];
  private depth = 0;
  private c!: CstCursor;

  constructor(
    private readonly g: HclGrammar,
    private readonly text: string,
    private readonly rangeOf: (start: number, end: number) => Range,
  ) {}

  /**
   * Converts the items of a config_file tree, walking it with `c` (deleted when done). With
   * `skipBroken`, a top-level block or attribute that contains a syntax error is left out and its
   * errors are recorded.
   */
  convertFile(c: CstCursor, skipBroken: boolean): { attributes: Attribute[]; blocks: Block[] } {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    this.c = c;
    try {
      if (!c.gotoFirstChild()) return { attributes, blocks };
      do {
        const k = this.kind();
        if (k === K.body) {
          if (!c.gotoFirstChild()) continue;
          do this.topItem(attributes, blocks, skipBroken);
          while (c.gotoNextSibling());
          c.gotoParent();
        } else if (k === K.comment) this.comment();
        else if (k === K.ERROR || c.isMissing) this.collectErrorsHere();
        else if (k === K.object) this.error(c.startIndex, c.endIndex, "a configuration file cannot be a single object");
      } while (c.gotoNextSibling());
    } finally {
      c.delete();
    }
    return { attributes, blocks };
  }

  /**
   * The value of the single attribute of a wrapper file (`v = EXPR`). With `template`, EXPR is a
   * heredoc standing for a standalone template whose text is [template.from, template.to).
   */
  wrappedValue(c: CstCursor, template?: { from: number; to: number }): Expr | undefined {
    this.c = c;
    try {
      if (!c.gotoFirstChild() || this.kind() !== K.body || !c.gotoFirstChild()) return undefined;
      while (this.kind() !== K.attribute) if (!c.gotoNextSibling()) return undefined;
      c.gotoFirstChild();
      while (this.kind() !== K.expression) if (!c.gotoNextSibling()) return undefined;
      if (template === undefined) return this.expr(K.expression);
      // expression > template_expr > heredoc_template
      if (!c.gotoFirstChild() || !c.gotoFirstChild() || this.kind() !== K.heredoc_template) return undefined;
      const s = c.startIndex;
      const e = c.endIndex;
      c.gotoFirstChild();
      return this.template(s, e, template.from, template.to, "heredoc");
    } finally {
      c.delete();
    }
  }

  private kind(): number {
    return this.g.kindOf(this.c.typeId);
  }

  private topItem(attributes: Attribute[], blocks: Block[], skipBroken: boolean): void {
    const c = this.c;
    const k = this.kind();
    if (k === K.comment) return this.comment();
    if (k !== K.attribute && k !== K.block) {
      if (k === K.ERROR || c.isMissing) this.collectErrorsHere();
      return;
    }
    // One look at the node both decides and records its errors.
    const broken = skipBroken && c.withNode((n) => n.hasError && (this.collectErrors(n), true));
    if (broken) return;
    if (k === K.attribute) attributes.push(this.attribute());
    else blocks.push(this.block());
  }

  // ---- structure ----

  private body(start: number, end: number): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const c = this.c;
    if (c.gotoFirstChild()) {
      do {
        const k = this.kind();
        if (k === K.attribute) attributes.push(this.attribute());
        else if (k === K.block) blocks.push(this.block());
        else if (k === K.comment) this.comment();
        else if (k === K.ERROR) {
          const s = c.startIndex;
          const e = c.endIndex;
          this.error(s, e, this.unexpected(s, e));
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    return { attributes, blocks, range: this.rangeOf(start, end) };
  }

  private attribute(): Attribute {
    const c = this.c;
    const start = c.startIndex;
    let name = "";
    let nameEnd = start;
    let expr: Expr | undefined;
    let end = start;
    c.gotoFirstChild();
    do {
      const k = this.kind();
      if (k === K.identifier) {
        nameEnd = end = c.endIndex;
        name = this.text.slice(c.startIndex, nameEnd);
      } else if (k === K.expression) {
        end = c.endIndex;
        expr = this.expr(k);
      } else if (k === K.comment) this.comment();
    } while (c.gotoNextSibling());
    c.gotoParent();
    return {
      name,
      nameRange: this.rangeOf(start, nameEnd),
      expr: expr ?? this.invalid(nameEnd, nameEnd, "missing value"),
      range: this.rangeOf(start, end),
    };
  }

  private block(): Block {
    const c = this.c;
    const start = c.startIndex;
    const end = c.endIndex;
    let type: string | undefined;
    let typeEnd = start;
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    let headerEnd = end;
    let bodyStart = -1;
    let body: Body | undefined;
    c.gotoFirstChild();
    do {
      const k = this.kind();
      if (k === K.identifier) {
        const s = c.startIndex;
        const e = c.endIndex;
        if (type === undefined) {
          type = this.text.slice(s, e);
          typeEnd = e;
        } else {
          labels.push(this.text.slice(s, e));
          labelRanges.push(this.rangeOf(s, e));
        }
      } else if (k === K.string_lit) {
        const s = c.startIndex;
        const e = c.endIndex;
        labels.push(this.stringLit(s, e));
        labelRanges.push(this.rangeOf(s, e));
      } else if (k === K.block_start) {
        headerEnd = bodyStart = c.endIndex;
      } else if (k === K.body) body = this.body(c.startIndex, c.endIndex);
      else if (k === K.block_end && body === undefined) {
        const s = c.startIndex;
        body = { attributes: [], blocks: [], range: this.rangeOf(bodyStart < 0 ? s : bodyStart, s) };
      } else if (k === K.comment) this.comment();
    } while (c.gotoNextSibling());
    c.gotoParent();
    return {
      type: type ?? "",
      typeRange: this.rangeOf(start, typeEnd),
      labels,
      labelRanges,
      body: body ?? { attributes: [], blocks: [], range: this.rangeOf(end, end) },
      range: this.rangeOf(start, end),
      headerRange: this.rangeOf(start, headerEnd),
    };
  }

  // ---- expressions ----

  /**
   * Converts the expression-like node under the cursor, whose kind the caller has just read; the
   * cursor is back on it afterwards.
   */
  private expr(k: number): Expr {
    if (this.depth >= MAX_EXPR_DEPTH) {
      const s = this.c.startIndex;
      const e = this.c.endIndex;
      const msg = `expression nested more than ${MAX_EXPR_DEPTH} levels deep`;
      this.error(s, e, msg);
      return this.invalid(s, e, msg);
    }
    this.depth++;
    try {
      return this.exprInner(k);
    } finally {
      this.depth--;
    }
  }

  private exprInner(k: number): Expr {
    const c = this.c;
    switch (k) {
      // Wrappers of one operand (or of an operation's operands): read their children as a sequence.
      case K.expression:
      case K.operation:
      case K.collection_value:
      case K.template_expr:
      case K.for_expr: {
        if (!c.gotoFirstChild()) return this.invalid(c.startIndex, c.endIndex, "empty expression");
        const expr = this.sequence().expr;
        c.gotoParent();
        return expr;
      }
    }
    const s = c.startIndex;
    const e = c.endIndex;
    switch (k) {
      case K.literal_value:
        return this.literal(s, e);
      case K.variable_expr:
        return { kind: "variable", name: this.text.slice(s, e), range: this.rangeOf(s, e) };
      case K.ERROR:
        this.collectErrorsHere();
        return this.invalid(s, e, this.unexpected(s, e));
      case K.binary_operation:
      case K.unary_operation:
      case K.conditional:
      case K.tuple:
      case K.object:
      case K.function_call:
      case K.for_tuple_expr:
      case K.for_object_expr:
      case K.quoted_template:
      case K.heredoc_template: {
        if (!c.gotoFirstChild()) return this.invalid(s, e, "empty expression");
        const expr = this.composite(k, s, e);
        c.gotoParent();
        return expr;
      }
      default:
        return this.invalid(s, e, `unexpected ${this.g.nameOf(c.typeId)}`);
    }
  }

  /** A node with parts, from its children (the cursor is on the first one). */
  private composite(k: number, s: number, e: number): Expr {
    const c = this.c;
    switch (k) {
      case K.binary_operation:
        return this.binary(s, e);
      case K.unary_operation: {
        const op = this.g.nameOf(c.typeId) === "!" ? "!" : "-";
        c.gotoNextSibling();
        return { kind: "unary", op, operand: this.sequence().expr, range: this.rangeOf(s, e) };
      }
      case K.conditional:
        return this.conditional(s, e);
      case K.tuple:
        return this.tuple(s, e);
      case K.object:
        return this.object(s, e);
      case K.function_call:
        return this.call(s, e);
      case K.for_tuple_expr:
      case K.for_object_expr:
        return this.forExpr(s, e, k === K.for_object_expr);
      case K.quoted_template:
        return this.template(s, e, s + 1, e - 1, "quoted");
      default:
        return this.heredoc(s, e);
    }
  }

  /**
   * Reads an operand (a primary followed by postfix steps, possibly parenthesized) starting at the
   * cursor and moving right; stops on an operator token (cursor left on it, `more` true) or after
   * the last sibling.
   */
  private sequence(): { expr: Expr; more: boolean } {
    const c = this.c;
    let primary: Expr | undefined;
    let start = -1;
    let parenStart = -1;
    // Most operands have no postfix steps: the list is only made for those that do.
    let steps: Step[] | undefined;
    let more = false;
    do {
      const k = this.kind();
      if (k === K.open_paren) {
        parenStart = c.startIndex;
        if (start < 0) start = parenStart;
        continue;
      }
      if (k === K.close_paren) {
        const e = c.endIndex;
        const inner = primary ?? this.invalid(parenStart, e, "empty parentheses");
        primary = { kind: "parens", expr: inner, range: this.rangeOf(parenStart, e) };
        continue;
      }
      if (k === K.operator) {
        more = true;
        break;
      }
      switch (k) {
        case K.comment:
          this.comment();
          break;
        case K.get_attr:
          (steps ??= []).push(this.attrStep());
          break;
        case K.index:
          (steps ??= []).push(this.indexStep());
          break;
        case K.splat:
          this.splatSteps((steps ??= []));
          break;
        default:
          if (start < 0) start = c.startIndex;
          primary = this.expr(k);
      }
    } while (c.gotoNextSibling());
    if (primary === undefined || steps !== undefined) {
      const at = c.startIndex;
      const base = primary ?? this.invalid(at, at, "missing operand");
      return { expr: steps === undefined ? base : this.postfix(base, start < 0 ? at : start, steps, 0), more };
    }
    return { expr: primary, more };
  }

  /** `.name` (the dot and the name may be apart). */
  private attrStep(): Step {
    const e = this.c.endIndex;
    return { k: "attr", name: this.text.slice(this.c.startIndex + 1, e).trim(), end: e };
  }

  private indexStep(): Step {
    const c = this.c;
    c.gotoFirstChild();
    try {
      if (this.kind() === K.legacy_index) {
        const s = c.startIndex;
        const e = c.endIndex;
        const digits = this.text.slice(s + 1, e);
        return { k: "index", key: { kind: "literal", value: Number(digits), range: this.rangeOf(s + 1, e) }, end: e };
      }
      // new_index: "[" expression "]"
      const end = c.endIndex;
      let key: Expr | undefined;
      if (c.gotoFirstChild()) {
        do {
          const k = this.kind();
          if (k === K.expression) key = this.expr(k);
          else if (k === K.comment) this.comment();
        } while (c.gotoNextSibling());
        c.gotoParent();
      }
      return { k: "index", key: key ?? this.invalid(end, end, "missing index"), end };
    } finally {
      c.gotoParent();
    }
  }

  private splatSteps(steps: Step[]): void {
    const c = this.c;
    c.gotoFirstChild();
    const full = this.kind() === K.full_splat;
    const s = c.startIndex;
    c.gotoFirstChild();
    steps.push(full ? { k: "full-splat", start: s, end: c.endIndex } : { k: "attr-splat", start: s, end: c.endIndex });
    while (c.gotoNextSibling()) {
      const k = this.kind();
      if (k === K.get_attr) steps.push(this.attrStep());
      else if (k === K.index) steps.push(this.indexStep());
      else if (k === K.comment) this.comment();
    }
    c.gotoParent();
    c.gotoParent();
  }

  /** Applies postfix steps; a full splat takes every later step into its per-element expression. */
  private postfix(base: Expr, start: number, steps: readonly Step[], from: number): Expr {
    let cur = base;
    for (let i = from; i < steps.length; i++) {
      const st = steps[i]!;
      if (st.k === "attr") cur = { kind: "getattr", target: cur, name: st.name, range: this.rangeOf(start, st.end) };
      else if (st.k === "index") cur = { kind: "index", target: cur, key: st.key, range: this.rangeOf(start, st.end) };
      else if (st.k === "full-splat") {
        const item: Expr = { kind: "splat-item", range: this.rangeOf(st.start, st.end) };
        const each = this.postfix(item, st.start, steps, i + 1);
        const last = steps[steps.length - 1]!;
        return { kind: "splat", source: cur, each, full: true, range: this.rangeOf(start, last.end) };
      } else {
        // `.*` takes the attribute steps (and legacy `.0` indexes) that follow; a bracket index ends it.
        let j = i + 1;
        while (j < steps.length && (steps[j]!.k === "attr" || this.isLegacyIndex(steps[j]!))) j++;
        const item: Expr = { kind: "splat-item", range: this.rangeOf(st.start, st.end) };
        const each = this.postfix(item, st.start, steps.slice(0, j), i + 1);
        const endStep = steps[j - 1]!;
        cur = { kind: "splat", source: cur, each, full: false, range: this.rangeOf(start, endStep.end) };
        i = j - 1;
      }
    }
    return cur;
  }

  private isLegacyIndex(st: Step): boolean {
    return st.k === "index" && st.key.kind === "literal" && this.text[st.end - 1] !== "]";
  }

  private binary(s: number, e: number): Expr {
    const c = this.c;
    const left = this.sequence();
    const op = this.g.nameOf(c.typeId) as BinaryOp;
    if (!left.more || !c.gotoNextSibling()) return this.invalid(s, e, "incomplete operation");
    const right = this.sequence().expr;
    return { kind: "binary", op, left: left.expr, right, range: this.rangeOf(s, e) };
  }

  private conditional(s: number, e: number): Expr {
    const parts = this.namedExprs();
    const [cond, yes, no] = parts;
    if (cond === undefined || yes === undefined || no === undefined) return this.invalid(s, e, "incomplete conditional");
    return this.rotate(cond, yes, no, s, e);
  }

  /** Rebuilds `(a ? b : c) ? d : e`, as the grammar groups it, into HCL's `a ? b : (c ? d : e)`. */
  private rotate(cond: Expr, yes: Expr, no: Expr, s: number, e: number, from?: Range): ConditionalExpr {
    if (cond.kind !== "conditional") {
      return { kind: "conditional", condition: cond, whenTrue: yes, whenFalse: no, range: this.spanning(s, e, from) };
    }
    const tail = this.rotate(cond.whenFalse, yes, no, -1, e, cond.whenFalse.range);
    return { kind: "conditional", condition: cond.condition, whenTrue: cond.whenTrue, whenFalse: tail, range: this.spanning(s, e, from) };
  }

  private spanning(s: number, e: number, from: Range | undefined): Range {
    const r = this.rangeOf(from === undefined ? s : e, e);
    return from === undefined ? r : { ...r, startLine: from.startLine, startColumn: from.startColumn };
  }

  /** The expressions among the current node's children (cursor on the first child). */
  private namedExprs(): Expr[] {
    const c = this.c;
    const out: Expr[] = [];
    do {
      const k = this.kind();
      if (k === K.expression) out.push(this.expr(k));
      else if (k === K.comment) this.comment();
    } while (c.gotoNextSibling());
    return out;
  }

  private tuple(s: number, e: number): Expr {
    return { kind: "tuple", items: this.namedExprs(), range: this.rangeOf(s, e) };
  }

  private object(s: number, e: number): Expr {
    const c = this.c;
    const items: ObjectItem[] = [];
    do {
      const k = this.kind();
      if (k === K.object_elem) {
        c.gotoFirstChild();
        const [key, value] = this.namedExprs();
        c.gotoParent();
        if (key !== undefined && value !== undefined) {
          const literalKey: Expr = key.kind === "variable" ? { kind: "literal", value: key.name, range: key.range } : key;
          items.push({ key: literalKey, value });
        }
      } else if (k === K.comment) this.comment();
    } while (c.gotoNextSibling());
    return { kind: "object", items, range: this.rangeOf(s, e) };
  }

  private call(s: number, e: number): Expr {
    const c = this.c;
    let name = "";
    let nameRange: Range | undefined;
    const args: Expr[] = [];
    let expandFinal = false;
    do {
      const k = this.kind();
      if (k === K.identifier) {
        const ns = c.startIndex;
        const ne = c.endIndex;
        name = this.text.slice(ns, ne);
        nameRange = this.rangeOf(ns, ne);
      } else if (k === K.function_arguments) {
        c.gotoFirstChild();
        do {
          const ak = this.kind();
          if (ak === K.expression) args.push(this.expr(ak));
          else if (ak === K.ellipsis) expandFinal = true;
          else if (ak === K.comment) this.comment();
        } while (c.gotoNextSibling());
        c.gotoParent();
      } else if (k === K.comment) this.comment();
    } while (c.gotoNextSibling());
    return { kind: "call", name, nameRange: nameRange ?? this.rangeOf(s, s), args, expandFinal, range: this.rangeOf(s, e) };
  }

  private forExpr(s: number, e: number, isObject: boolean): Expr {
    const c = this.c;
    let vars: string[] = [];
    let collection: Expr | undefined;
    const bodyExprs: Expr[] = [];
    let condition: Expr | undefined;
    let grouping = false;
    do {
      const k = this.kind();
      if (k === K.for_intro) ({ vars, collection } = this.forHead());
      else if (k === K.expression) bodyExprs.push(this.expr(k));
      else if (k === K.ellipsis) grouping = true;
      else if (k === K.for_cond) {
        c.gotoFirstChild();
        condition = this.namedExprs()[0];
        c.gotoParent();
      } else if (k === K.comment) this.comment();
    } while (c.gotoNextSibling());
    const [first, second] = bodyExprs;
    if (collection === undefined || first === undefined || vars.length === 0 || (isObject && second === undefined)) {
      return this.invalid(s, e, "incomplete for expression");
    }
    return {
      kind: "for",
      ...forVars(vars),
      collection,
      ...(isObject ? { keyExpr: first } : {}),
      valueExpr: isObject ? second! : first,
      ...(condition === undefined ? {} : { condition }),
      grouping,
      range: this.rangeOf(s, e),
    };
  }

  /** The variables and the collection of a `for` (an expression's for_intro, a template's for directive). */
  private forHead(): { vars: string[]; collection: Expr | undefined } {
    const c = this.c;
    const vars: string[] = [];
    let collection: Expr | undefined;
    if (c.gotoFirstChild()) {
      do {
        const k = this.kind();
        if (k === K.identifier) vars.push(this.text.slice(c.startIndex, c.endIndex));
        else if (k === K.expression) collection = this.expr(k);
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    return { vars, collection };
  }

  // ---- literals and templates ----

  private literal(s: number, e: number): Expr {
    const first = this.text.charCodeAt(s);
    let value: null | boolean | number | string;
    if (first === 34 /* " */) value = this.stringLit(s, e);
    else if (first === 116 /* t */) value = true;
    else if (first === 102 /* f */) value = false;
    else if (first === 110 /* n */) value = null;
    else value = Number(this.text.slice(s, e));
    return { kind: "literal", value, range: this.rangeOf(s, e) };
  }

  private stringLit(s: number, e: number): string {
    const closed = e - s >= 2 && this.text[e - 1] === '"';
    const decoded = decodeQuoted(this.text.slice(s + 1, closed ? e - 1 : e));
    if (decoded.error !== undefined) this.error(s, e, decoded.error);
    return decoded.value;
  }

  private heredoc(s: number, e: number): Expr {
    const c = this.c;
    let flush = false;
    const ids: number[] = [];
    do {
      const k = this.kind();
      if (k === K.heredoc_start) flush = this.text.slice(c.startIndex, c.endIndex) === "<<-";
      else if (k === K.heredoc_identifier) ids.push(c.startIndex, c.endIndex);
    } while (c.gotoNextSibling());
    const openEnd = ids[1] ?? e;
    const closeStart = ids[2] ?? e;
    const nl = this.text.indexOf("\n", openEnd);
    const contentStart = nl < 0 || nl > closeStart ? closeStart : nl + 1;
    const closeLine = this.text.lastIndexOf("\n", closeStart - 1) + 1;
    const contentEnd = Math.max(contentStart, closeLine);
    c.gotoParent();
    c.gotoFirstChild();
    return this.template(s, e, contentStart, contentEnd, flush ? "flush" : "heredoc");
  }

  /**
   * Builds a template from the children under the cursor; `from`/`to` bound the literal text.
   * `mode` chooses the escapes (quoted strings have backslash escapes, heredocs do not).
   */
  template(s: number, e: number, from: number, to: number, mode: "quoted" | "heredoc" | "flush"): TemplateExpr {
    const tokens: FlatToken[] = [];
    const last = this.flatten(tokens, from, mode);
    this.gap(tokens, last, to, mode);
    const assembled = assembleTemplate(tokens, mode === "flush", this.rangeOf);
    for (const err of assembled.errors) this.error(err.start, err.end, err.message);
    return { kind: "template", parts: assembled.parts, unwrap: assembled.unwrap, range: this.rangeOf(s, e) };
  }

  /** Emits tokens for the interpolations and directives among the cursor's siblings. */
  private flatten(tokens: FlatToken[], lastEnd: number, mode: "quoted" | "heredoc" | "flush"): number {
    const c = this.c;
    let last = lastEnd;
    do {
      const k = this.kind();
      if (k === K.template_interpolation) {
        const s = c.startIndex;
        const e = c.endIndex;
        this.gap(tokens, last, s, mode);
        let expr: Expr | undefined;
        if (c.gotoFirstChild()) {
          do if (this.kind() === K.expression) expr = this.expr(K.expression);
          while (c.gotoNextSibling());
          c.gotoParent();
        }
        tokens.push({
          t: "interp",
          expr: expr ?? this.invalid(s, e, "empty interpolation"),
          start: s,
          end: e,
          ...this.strips(s, e),
        });
        last = e;
      } else if (k === K.template_directive || k === K.template_if || k === K.template_for) {
        if (c.gotoFirstChild()) {
          last = this.flatten(tokens, last, mode);
          c.gotoParent();
        }
      } else if (k === K.template_if_intro || k === K.template_else_intro || k === K.template_if_end) {
        const s = c.startIndex;
        const e = c.endIndex;
        this.gap(tokens, last, s, mode);
        const kind = k === K.template_if_intro ? "if" : k === K.template_else_intro ? "else" : "endif";
        let condition: Expr | undefined;
        if (kind === "if" && c.gotoFirstChild()) {
          condition = this.namedExprs()[0];
          c.gotoParent();
        }
        tokens.push({
          t: kind,
          ...(kind === "if" ? { condition: condition ?? this.invalid(s, e, "missing condition") } : {}),
          start: s,
          end: e,
          ...this.strips(s, e),
        });
        last = e;
      } else if (k === K.template_for_start) {
        const s = c.startIndex;
        const e = c.endIndex;
        this.gap(tokens, last, s, mode);
        const { vars, collection } = this.forHead();
        tokens.push({
          t: "for",
          ...forVars(vars),
          collection: collection ?? this.invalid(s, e, "missing collection"),
          start: s,
          end: e,
          ...this.strips(s, e),
        });
        last = e;
      } else if (k === K.template_for_end) {
        const s = c.startIndex;
        const e = c.endIndex;
        this.gap(tokens, last, s, mode);
        tokens.push({ t: "endfor", start: s, end: e, ...this.strips(s, e) });
        last = e;
      }
    } while (c.gotoNextSibling());
    return last;
  }

  private strips(s: number, e: number): { stripLeft: boolean; stripRight: boolean } {
    return { stripLeft: this.text[s + 2] === "~", stripRight: this.text[e - 2] === "~" };
  }

  private gap(tokens: FlatToken[], from: number, to: number, mode: "quoted" | "heredoc" | "flush"): void {
    if (to <= from) return;
    const raw = this.text.slice(from, to);
    if (mode === "quoted") {
      const decoded = decodeQuoted(raw);
      if (decoded.error !== undefined) this.error(from, to, decoded.error);
      tokens.push({ t: "lit", value: decoded.value, start: from, end: to });
    } else tokens.push(...heredocPieces(raw, from));
  }

  // ---- helpers ----

  private comment(): void {
    const s = this.c.startIndex;
    const e = this.c.endIndex;
    const text = this.text.slice(s, e);
    const style = text.startsWith("#") ? "#" : text.startsWith("//") ? "//" : "/*";
    this.comments.push({ text, style, range: this.rangeOf(s, e) });
  }

  private collectErrorsHere(): void {
    this.c.withNode((n) => this.collectErrors(n));
  }

  /** Records every ERROR and MISSING node under `node`. */
  collectErrors(node: Node): void {
    const stack: Node[] = [node];
    let count = 0;
    while (stack.length > 0 && count < 20) {
      const n = stack.pop()!;
      if (n.isMissing) {
        // Reported from the start of what is left open (a string, a block).
        const from = n.parent?.startIndex ?? n.startIndex;
        this.error(from, n.endIndex, `missing ${JSON.stringify(n.type)}`);
        count++;
      } else if (n.type === "ERROR") {
        this.error(n.startIndex, n.endIndex, this.unexpected(n.startIndex, n.endIndex));
        count++;
      } else if (n.hasError) {
        for (let i = n.childCount - 1; i >= 0; i--) {
          const child = n.child(i);
          if (child !== null) stack.push(child);
        }
      }
    }
  }

  private unexpected(s: number, e: number): string {
    const snippet = this.text.slice(s, e).trim().split("\n")[0] ?? "";
    return snippet === "" ? "unexpected end of input" : `unexpected ${JSON.stringify(snippet.slice(0, 30))}`;
  }

  error(s: number, e: number, message: string): void {
    const range = this.rangeOf(s, e);
    this.errors.push({ message: `Syntax error on line ${range.startLine}: ${message}`, range });
  }

  private invalid(s: number, e: number, message: string): Expr {
    return { kind: "invalid", message, range: this.rangeOf(s, e) };
  }
}

/** `for k, v in` names the key first; `for v in` only the value. */
function forVars(vars: readonly string[]): { valueVar: string; keyVar?: string } {
  return vars.length > 1 ? { valueVar: vars[1]!, keyVar: vars[0]! } : { valueVar: vars[0] ?? "" };
}
