/**
 * One pass over the tree-sitter concrete syntax tree with a TreeCursor (the cheapest way to read
 * a web-tree-sitter tree), producing the typed AST of hcl-ast.ts. Offsets from tree-sitter are
 * UTF-16 code units into the parsed string (web-tree-sitter parses JS strings as UTF-16); the
 * caller's `rangeOf` maps them to file ranges (the parsed string may be a piece of a file, or a
 * wrapper around a template taken from a JSON string).
 *
 * Grammar quirks handled here:
 *  - postfix steps (`.a`, `[i]`, `[*]`, `.*`) are siblings of their operand, not parents;
 *  - the conditional is parsed left-associative; HCL's is right-associative, so
 *    `a ? b : c ? d : e` is rotated into `a ? b : (c ? d : e)`;
 *  - whitespace inside templates is not part of any node, so literal text is read from the gaps
 *    between interpolations and directives.
 */
import type { Node, TreeCursor } from "web-tree-sitter";
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

/** Expressions nested deeper than this are replaced by an InvalidExpr and reported. */
export const MAX_EXPR_DEPTH = 600;

type Step =
  | { readonly k: "attr"; readonly name: string; readonly end: number }
  | { readonly k: "index"; readonly key: Expr; readonly end: number }
  | { readonly k: "full-splat"; readonly start: number; readonly end: number }
  | { readonly k: "attr-splat"; readonly start: number; readonly end: number };

/** The anonymous tokens that can appear among an operand's siblings (types of named nodes are words). */
const ANONYMOUS: ReadonlySet<string> = new Set(["(", ")", "*", "/", "%", "+", "-", ">", ">=", "<", "<=", "==", "!=", "&&", "||", "!"]);

export class CstConverter {
  readonly comments: Comment[] = [];
  readonly errors: HclSyntaxError[] = [];
  private depth = 0;
  private c!: TreeCursor;

  constructor(
    private readonly text: string,
    private readonly rangeOf: (start: number, end: number) => Range,
  ) {}

  /**
   * Converts the items of a config_file tree. With `skipBroken`, a top-level block or attribute
   * that contains a syntax error is left out and its errors are recorded.
   */
  convertFile(root: Node, skipBroken: boolean): { attributes: Attribute[]; blocks: Block[] } {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const c = (this.c = root.walk());
    try {
      if (!c.gotoFirstChild()) return { attributes, blocks };
      do {
        const t = c.nodeType;
        if (t === "body") {
          if (!c.gotoFirstChild()) continue;
          do this.topItem(attributes, blocks, skipBroken);
          while (c.gotoNextSibling());
          c.gotoParent();
        } else if (t === "comment") this.comment();
        else if (t === "ERROR" || c.nodeIsMissing) this.collectErrors(c.currentNode);
        else if (t === "object") this.error(c.startIndex, c.endIndex, "a configuration file cannot be a single object");
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
  wrappedValue(root: Node, template?: { from: number; to: number }): Expr | undefined {
    const c = (this.c = root.walk());
    try {
      const type = (): string => c.nodeType;
      if (!c.gotoFirstChild() || type() !== "body" || !c.gotoFirstChild()) return undefined;
      while (type() !== "attribute") if (!c.gotoNextSibling()) return undefined;
      c.gotoFirstChild();
      while (type() !== "expression") if (!c.gotoNextSibling()) return undefined;
      if (template === undefined) return this.expr();
      // expression > template_expr > heredoc_template
      if (!c.gotoFirstChild() || !c.gotoFirstChild() || type() !== "heredoc_template") return undefined;
      const s = c.startIndex;
      const e = c.endIndex;
      c.gotoFirstChild();
      return this.template(s, e, template.from, template.to, "heredoc");
    } finally {
      c.delete();
    }
  }

  private topItem(attributes: Attribute[], blocks: Block[], skipBroken: boolean): void {
    const c = this.c;
    const t = c.nodeType;
    if (t === "comment") return this.comment();
    if (t !== "attribute" && t !== "block") {
      if (t === "ERROR" || c.nodeIsMissing) this.collectErrors(c.currentNode);
      return;
    }
    if (skipBroken) {
      const node = c.currentNode;
      if (node.hasError) {
        this.collectErrors(node);
        return;
      }
    }
    if (t === "attribute") attributes.push(this.attribute());
    else blocks.push(this.block());
  }

  // ---- structure ----

  private body(start: number, end: number): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const c = this.c;
    if (c.gotoFirstChild()) {
      do {
        const t = c.nodeType;
        if (t === "attribute") attributes.push(this.attribute());
        else if (t === "block") blocks.push(this.block());
        else if (t === "comment") this.comment();
        else if (t === "ERROR") this.error(c.startIndex, c.endIndex, this.unexpected(c.startIndex, c.endIndex));
      } while (c.gotoNextSibling());
      c.gotoParent();
    }
    return { attributes, blocks, range: this.range(start, end) };
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
      const t = c.nodeType;
      if (t === "identifier") {
        name = this.slice(c.startIndex, c.endIndex);
        nameEnd = end = c.endIndex;
      } else if (t === "expression") {
        end = c.endIndex;
        expr = this.expr();
      } else if (t === "comment") this.comment();
    } while (c.gotoNextSibling());
    c.gotoParent();
    return {
      name,
      nameRange: this.range(start, nameEnd),
      expr: expr ?? this.invalid(nameEnd, nameEnd, "missing value"),
      range: this.range(start, end),
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
      const t = c.nodeType;
      if (t === "identifier") {
        if (type === undefined) {
          type = this.slice(c.startIndex, c.endIndex);
          typeEnd = c.endIndex;
        } else {
          labels.push(this.slice(c.startIndex, c.endIndex));
          labelRanges.push(this.range(c.startIndex, c.endIndex));
        }
      } else if (t === "string_lit") {
        labels.push(this.stringLit(c.startIndex, c.endIndex));
        labelRanges.push(this.range(c.startIndex, c.endIndex));
      } else if (t === "block_start") {
        headerEnd = c.endIndex;
        bodyStart = c.endIndex;
      } else if (t === "body") body = this.body(c.startIndex, c.endIndex);
      else if (t === "block_end" && body === undefined) {
        body = { attributes: [], blocks: [], range: this.range(bodyStart < 0 ? c.startIndex : bodyStart, c.startIndex) };
      } else if (t === "comment") this.comment();
    } while (c.gotoNextSibling());
    c.gotoParent();
    return {
      type: type ?? "",
      typeRange: this.range(start, typeEnd),
      labels,
      labelRanges,
      body: body ?? { attributes: [], blocks: [], range: this.range(end, end) },
      range: this.range(start, end),
      headerRange: this.range(start, headerEnd),
    };
  }

  // ---- expressions ----

  /** Converts the expression-like node under the cursor; the cursor is back on it afterwards. */
  private expr(): Expr {
    const c = this.c;
    if (this.depth >= MAX_EXPR_DEPTH) {
      const msg = `expression nested more than ${MAX_EXPR_DEPTH} levels deep`;
      this.error(c.startIndex, c.endIndex, msg);
      return this.invalid(c.startIndex, c.endIndex, msg);
    }
    this.depth++;
    try {
      return this.exprInner();
    } finally {
      this.depth--;
    }
  }

  private exprInner(): Expr {
    const c = this.c;
    const t = c.nodeType;
    switch (t) {
      case "expression":
      case "operation":
      case "collection_value":
      case "template_expr":
      case "for_expr":
        return this.children(() => this.sequence().expr);
      case "literal_value":
        return this.literal(c.startIndex, c.endIndex);
      case "variable_expr": {
        const s = c.startIndex;
        const e = c.endIndex;
        return { kind: "variable", name: this.slice(s, e), range: this.range(s, e) };
      }
    }
    const s = c.startIndex;
    const e = c.endIndex;
    switch (t) {
      case "binary_operation":
        return this.children(() => this.binary(s, e));
      case "unary_operation":
        return this.children(() => {
          const op = c.nodeType === "!" ? "!" : "-";
          c.gotoNextSibling();
          return { kind: "unary", op, operand: this.sequence().expr, range: this.range(s, e) };
        });
      case "conditional":
        return this.children(() => this.conditional(s, e));
      case "tuple":
        return this.children(() => this.tuple(s, e));
      case "object":
        return this.children(() => this.object(s, e));
      case "function_call":
        return this.children(() => this.call(s, e));
      case "for_tuple_expr":
      case "for_object_expr":
        return this.children(() => this.forExpr(s, e, t === "for_object_expr"));
      case "quoted_template":
        return this.children(() => this.template(s, e, s + 1, e - 1, "quoted"));
      case "heredoc_template":
        return this.children(() => this.heredoc(s, e));
      case "ERROR":
        this.collectErrors(c.currentNode);
        return this.invalid(s, e, this.unexpected(s, e));
      default:
        return this.invalid(s, e, `unexpected ${t}`);
    }
  }

  /** Runs `fn` with the cursor on the first child, then returns to the parent. */
  private children(fn: () => Expr): Expr {
    const c = this.c;
    if (!c.gotoFirstChild()) return this.invalid(c.startIndex, c.endIndex, "empty expression");
    try {
      return fn();
    } finally {
      c.gotoParent();
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
    const steps: Step[] = [];
    let more = false;
    do {
      const t = c.nodeType;
      if (t.length <= 2 || ANONYMOUS.has(t)) {
        if (t === "(") {
          parenStart = c.startIndex;
          if (start < 0) start = parenStart;
          continue;
        }
        if (t === ")") {
          const inner = primary ?? this.invalid(parenStart, c.endIndex, "empty parentheses");
          primary = { kind: "parens", expr: inner, range: this.range(parenStart, c.endIndex) };
          continue;
        }
        more = true;
        break;
      }
      switch (t) {
        case "comment":
          this.comment();
          break;
        case "get_attr":
          steps.push({ k: "attr", name: this.slice(c.startIndex + 1, c.endIndex).trim(), end: c.endIndex });
          break;
        case "index":
          steps.push(this.indexStep());
          break;
        case "splat":
          this.splatSteps(steps);
          break;
        default:
          if (start < 0) start = c.startIndex;
          primary = this.expr();
      }
    } while (c.gotoNextSibling());
    const base = primary ?? this.invalid(c.startIndex, c.startIndex, "missing operand");
    return { expr: steps.length === 0 ? base : this.postfix(base, start < 0 ? c.startIndex : start, steps, 0), more };
  }

  private indexStep(): Step {
    const c = this.c;
    c.gotoFirstChild();
    try {
      if (c.nodeType === "legacy_index") {
        const s = c.startIndex;
        const e = c.endIndex;
        const digits = this.slice(s + 1, e);
        return { k: "index", key: { kind: "literal", value: Number(digits), range: this.range(s + 1, e) }, end: e };
      }
      // new_index: "[" expression "]"
      const end = c.endIndex;
      let key: Expr | undefined;
      if (c.gotoFirstChild()) {
        do {
          if (c.nodeType === "expression") key = this.expr();
          else if (c.nodeType === "comment") this.comment();
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
    const full = c.nodeType === "full_splat";
    const s = c.startIndex;
    c.gotoFirstChild();
    steps.push(full ? { k: "full-splat", start: s, end: c.endIndex } : { k: "attr-splat", start: s, end: c.endIndex });
    while (c.gotoNextSibling()) {
      if (c.nodeType === "get_attr") {
        steps.push({ k: "attr", name: this.slice(c.startIndex + 1, c.endIndex).trim(), end: c.endIndex });
      } else if (c.nodeType === "index") steps.push(this.indexStep());
      else if (c.nodeType === "comment") this.comment();
    }
    c.gotoParent();
    c.gotoParent();
  }

  /** Applies postfix steps; a full splat takes every later step into its per-element expression. */
  private postfix(base: Expr, start: number, steps: readonly Step[], from: number): Expr {
    let cur = base;
    for (let i = from; i < steps.length; i++) {
      const st = steps[i]!;
      if (st.k === "attr") cur = { kind: "getattr", target: cur, name: st.name, range: this.range(start, st.end) };
      else if (st.k === "index") cur = { kind: "index", target: cur, key: st.key, range: this.range(start, st.end) };
      else if (st.k === "full-splat") {
        const item: Expr = { kind: "splat-item", range: this.range(st.start, st.end) };
        const each = this.postfix(item, st.start, steps, i + 1);
        const last = steps[steps.length - 1]!;
        return { kind: "splat", source: cur, each, full: true, range: this.range(start, last.end) };
      } else {
        // `.*` takes the attribute steps (and legacy `.0` indexes) that follow; a bracket index ends it.
        let j = i + 1;
        while (j < steps.length && (steps[j]!.k === "attr" || this.isLegacyIndex(steps[j]!))) j++;
        const item: Expr = { kind: "splat-item", range: this.range(st.start, st.end) };
        const each = this.postfix(item, st.start, steps.slice(0, j), i + 1);
        const endStep = steps[j - 1]!;
        cur = { kind: "splat", source: cur, each, full: false, range: this.range(start, endStep.end) };
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
    const op = c.nodeType as BinaryOp;
    if (!left.more || !c.gotoNextSibling()) return this.invalid(s, e, "incomplete operation");
    const right = this.sequence().expr;
    return { kind: "binary", op, left: left.expr, right, range: this.range(s, e) };
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
    const r = this.range(from === undefined ? s : e, e);
    return from === undefined ? r : { ...r, startLine: from.startLine, startColumn: from.startColumn };
  }

  /** The expressions among the current node's children (cursor on the first child). */
  private namedExprs(): Expr[] {
    const c = this.c;
    const out: Expr[] = [];
    do {
      if (c.nodeType === "expression") out.push(this.expr());
      else if (c.nodeType === "comment") this.comment();
    } while (c.gotoNextSibling());
    return out;
  }

  private tuple(s: number, e: number): Expr {
    return { kind: "tuple", items: this.namedExprs(), range: this.range(s, e) };
  }

  private object(s: number, e: number): Expr {
    const c = this.c;
    const items: ObjectItem[] = [];
    do {
      if (c.nodeType === "object_elem") {
        c.gotoFirstChild();
        const [key, value] = this.namedExprs();
        c.gotoParent();
        if (key !== undefined && value !== undefined) {
          const literalKey: Expr = key.kind === "variable" ? { kind: "literal", value: key.name, range: key.range } : key;
          items.push({ key: literalKey, value });
        }
      } else if (c.nodeType === "comment") this.comment();
    } while (c.gotoNextSibling());
    return { kind: "object", items, range: this.range(s, e) };
  }

  private call(s: number, e: number): Expr {
    const c = this.c;
    let name = "";
    let nameRange = this.range(s, s);
    const args: Expr[] = [];
    let expandFinal = false;
    do {
      const t = c.nodeType;
      if (t === "identifier") {
        name = this.slice(c.startIndex, c.endIndex);
        nameRange = this.range(c.startIndex, c.endIndex);
      } else if (t === "function_arguments") {
        c.gotoFirstChild();
        do {
          if (c.nodeType === "expression") args.push(this.expr());
          else if (c.nodeType === "ellipsis") expandFinal = true;
          else if (c.nodeType === "comment") this.comment();
        } while (c.gotoNextSibling());
        c.gotoParent();
      } else if (t === "comment") this.comment();
    } while (c.gotoNextSibling());
    return { kind: "call", name, nameRange, args, expandFinal, range: this.range(s, e) };
  }

  private forExpr(s: number, e: number, isObject: boolean): Expr {
    const c = this.c;
    const vars: string[] = [];
    let collection: Expr | undefined;
    const bodyExprs: Expr[] = [];
    let condition: Expr | undefined;
    let grouping = false;
    do {
      const t = c.nodeType;
      if (t === "for_intro") {
        c.gotoFirstChild();
        do {
          if (c.nodeType === "identifier") vars.push(this.slice(c.startIndex, c.endIndex));
          else if (c.nodeType === "expression") collection = this.expr();
        } while (c.gotoNextSibling());
        c.gotoParent();
      } else if (t === "expression") bodyExprs.push(this.expr());
      else if (t === "ellipsis") grouping = true;
      else if (t === "for_cond") {
        c.gotoFirstChild();
        condition = this.namedExprs()[0];
        c.gotoParent();
      } else if (t === "comment") this.comment();
    } while (c.gotoNextSibling());
    const [first, second] = bodyExprs;
    if (collection === undefined || first === undefined || vars.length === 0 || (isObject && second === undefined)) {
      return this.invalid(s, e, "incomplete for expression");
    }
    const twoVars = vars.length > 1;
    return {
      kind: "for",
      valueVar: twoVars ? vars[1]! : vars[0]!,
      ...(twoVars ? { keyVar: vars[0]! } : {}),
      collection,
      ...(isObject ? { keyExpr: first } : {}),
      valueExpr: isObject ? second! : first,
      ...(condition === undefined ? {} : { condition }),
      grouping,
      range: this.range(s, e),
    };
  }

  // ---- literals and templates ----

  private literal(s: number, e: number): Expr {
    const first = this.text[s];
    let value: null | boolean | number | string;
    if (first === '"') value = this.stringLit(s, e);
    else if (first === "t") value = true;
    else if (first === "f") value = false;
    else if (first === "n") value = null;
    else value = Number(this.slice(s, e));
    return { kind: "literal", value, range: this.range(s, e) };
  }

  private stringLit(s: number, e: number): string {
    const closed = e - s >= 2 && this.text[e - 1] === '"';
    const decoded = decodeQuoted(this.slice(s + 1, closed ? e - 1 : e));
    if (decoded.error !== undefined) this.error(s, e, decoded.error);
    return decoded.value;
  }

  private heredoc(s: number, e: number): Expr {
    const c = this.c;
    let flush = false;
    const ids: number[] = [];
    do {
      const t = c.nodeType;
      if (t === "heredoc_start") flush = this.slice(c.startIndex, c.endIndex) === "<<-";
      else if (t === "heredoc_identifier") ids.push(c.startIndex, c.endIndex);
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
    const assembled = assembleTemplate(tokens, mode === "flush", (a, b) => this.range(a, b));
    for (const err of assembled.errors) this.error(err.start, err.end, err.message);
    return { kind: "template", parts: assembled.parts, unwrap: assembled.unwrap, range: this.range(s, e) };
  }

  /** Emits tokens for the interpolations and directives among the cursor's siblings. */
  private flatten(tokens: FlatToken[], lastEnd: number, mode: "quoted" | "heredoc" | "flush"): number {
    const c = this.c;
    let last = lastEnd;
    do {
      const t = c.nodeType;
      const s = c.startIndex;
      const e = c.endIndex;
      if (t === "template_interpolation") {
        this.gap(tokens, last, s, mode);
        let expr: Expr | undefined;
        if (c.gotoFirstChild()) {
          do if (c.nodeType === "expression") expr = this.expr();
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
      } else if (t === "template_directive" || t === "template_if" || t === "template_for") {
        if (c.gotoFirstChild()) {
          last = this.flatten(tokens, last, mode);
          c.gotoParent();
        }
      } else if (t === "template_if_intro" || t === "template_else_intro" || t === "template_if_end") {
        this.gap(tokens, last, s, mode);
        const kind = t === "template_if_intro" ? "if" : t === "template_else_intro" ? "else" : "endif";
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
      } else if (t === "template_for_start") {
        this.gap(tokens, last, s, mode);
        const vars: string[] = [];
        let collection: Expr | undefined;
        if (c.gotoFirstChild()) {
          do {
            if (c.nodeType === "identifier") vars.push(this.slice(c.startIndex, c.endIndex));
            else if (c.nodeType === "expression") collection = this.expr();
          } while (c.gotoNextSibling());
          c.gotoParent();
        }
        const two = vars.length > 1;
        tokens.push({
          t: "for",
          valueVar: (two ? vars[1] : vars[0]) ?? "",
          ...(two ? { keyVar: vars[0]! } : {}),
          collection: collection ?? this.invalid(s, e, "missing collection"),
          start: s,
          end: e,
          ...this.strips(s, e),
        });
        last = e;
      } else if (t === "template_for_end") {
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
    const raw = this.slice(from, to);
    if (mode === "quoted") {
      const decoded = decodeQuoted(raw);
      if (decoded.error !== undefined) this.error(from, to, decoded.error);
      tokens.push({ t: "lit", value: decoded.value, start: from, end: to });
    } else tokens.push(...heredocPieces(raw, from));
  }

  // ---- helpers ----

  private comment(): void {
    const c = this.c;
    const s = c.startIndex;
    const e = c.endIndex;
    const text = this.slice(s, e);
    const style = text.startsWith("#") ? "#" : text.startsWith("//") ? "//" : "/*";
    this.comments.push({ text, style, range: this.range(s, e) });
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
    const snippet = this.slice(s, e).trim().split("\n")[0] ?? "";
    return snippet === "" ? "unexpected end of input" : `unexpected ${JSON.stringify(snippet.slice(0, 30))}`;
  }

  error(s: number, e: number, message: string): void {
    const range = this.range(s, e);
    this.errors.push({ message: `Syntax error on line ${range.startLine}: ${message}`, range });
  }

  private invalid(s: number, e: number, message: string): Expr {
    return { kind: "invalid", message, range: this.range(s, e) };
  }

  private slice(s: number, e: number): string {
    return this.text.slice(s, e);
  }

  private range(s: number, e: number): Range {
    return this.rangeOf(s, e);
  }
}
