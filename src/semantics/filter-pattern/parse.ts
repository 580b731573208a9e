// Parser for CloudWatch Logs filter patterns (JSON, space-delimited, regex and term patterns).
//
// Never throws: every problem comes back as `{ ok: false, error: { message, offset } }`.
// Nesting is capped (MAX_DEPTH) so that no input can exhaust the stack; everything else is a
// loop over the text, so long patterns cost time linear in their length.

import type {
  BoolExpr,
  BoolGroup,
  ComparisonOperator,
  DelimitedField,
  FieldComparison,
  FieldExpr,
  FilterPattern,
  JsonCondition,
  JsonExpr,
  ParseResult,
  Selector,
  SelectorStep,
  Term,
  Value,
} from "./ast.ts";
import { compileRegex } from "./regex.ts";

/** Deepest parenthesis nesting accepted; deeper input is a parse error, never a stack overflow. */
export const MAX_DEPTH = 200;
/** CloudWatch quotas: one wildcard per selector, three per pattern, two regexes per pattern. */
export const MAX_WILDCARDS_PER_SELECTOR = 1;
export const MAX_WILDCARD_SELECTORS = 3;
export const MAX_REGEXES = 2;

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NAME_CHAR = /[A-Za-z0-9_-]/;
const FIELD_NAME_CHAR = /[A-Za-z0-9_]/;
/** Characters that end an unquoted value. */
const VALUE_STOP = new Set([" ", "\t", "\n", "\r", "\f", "\v", "(", ")", "{", "}", "[", "]", ",", '"', "&", "|", "=", "!", "<", ">"]);

class Failure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

function isSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\r" || ch === "\f" || ch === "\v";
}

type Leaf = { readonly kind: "compare" | "is" | "notExists" };

function isGroup<L extends Leaf>(e: BoolExpr<L>): e is BoolGroup<L> {
  return e.kind === "and" || e.kind === "or";
}

/** Builds an n-ary node, flattening operands of the same kind (so grouping never shows). */
function combine<L extends Leaf>(kind: "and" | "or", operands: BoolExpr<L>[]): BoolExpr<L> {
  if (operands.length === 1) return operands[0]!;
  const flat: BoolExpr<L>[] = [];
  for (const operand of operands) {
    if (isGroup(operand) && operand.kind === kind) flat.push(...operand.operands);
    else flat.push(operand);
  }
  return { kind, operands: flat };
}

function describe(ch: string | undefined): string {
  if (ch === undefined) return "the end of the pattern";
  if (ch === "\n") return "a newline";
  return `'${ch}'`;
}

class Parser {
  private pos = 0;
  private depth = 0;
  private wildcardSelectors = 0;
  private regexes = 0;

  constructor(private readonly text: string) {}

  parse(): FilterPattern {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === "{") return this.jsonPattern();
    if (ch === "[") return this.delimitedPattern();
    if (ch === "%") return this.regexPattern();
    return this.termPattern();
  }

  // ---- shared scanning -------------------------------------------------------------------

  private fail(message: string, offset = this.pos): never {
    throw new Failure(message, offset);
  }

  private skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  private startsWith(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  private expect(token: string, what: string): void {
    this.skipSpace();
    if (!this.startsWith(token)) this.fail(`expected ${what} but found ${describe(this.text[this.pos])}`);
    this.pos += token.length;
  }

  private expectEnd(after: string): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected ${describe(this.text[this.pos])} after the closing '${after}'`);
  }

  private word(): string {
    const start = this.pos;
    while (/[A-Za-z]/.test(this.text[this.pos] ?? "")) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A double-quoted string; a backslash makes the next character literal. */
  private quoted(): string {
    const open = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail("unterminated quoted string", open);
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === "\\") {
        const next = this.text[this.pos + 1];
        if (next === undefined) this.fail("unterminated quoted string", open);
        out += next;
        this.pos += 2;
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  private regexBody(): string {
    const open = this.pos;
    const close = this.text.indexOf("%", open + 1);
    if (close < 0) this.fail("unterminated regular expression (no closing '%')", open);
    const source = this.text.slice(open + 1, close);
    const compiled = compileRegex(source);
    if (!compiled.ok) this.fail(compiled.message, open + 1 + compiled.offset);
    this.pos = close + 1;
    return source;
  }

  // ---- boolean structure, shared by JSON and space-delimited patterns --------------------

  private or<L extends Leaf>(leaf: () => L): BoolExpr<L> {
    const operands = [this.and(leaf)];
    for (;;) {
      this.skipSpace();
      if (!this.startsWith("||")) break;
      this.pos += 2;
      operands.push(this.and(leaf));
    }
    return combine("or", operands);
  }

  private and<L extends Leaf>(leaf: () => L): BoolExpr<L> {
    const operands = [this.unary(leaf)];
    for (;;) {
      this.skipSpace();
      if (!this.startsWith("&&")) break;
      this.pos += 2;
      operands.push(this.unary(leaf));
    }
    return combine("and", operands);
  }

  private unary<L extends Leaf>(leaf: () => L): BoolExpr<L> {
    this.skipSpace();
    if (this.text[this.pos] !== "(") return leaf();
    const open = this.pos;
    if (this.depth >= MAX_DEPTH) this.fail(`parentheses nested deeper than ${MAX_DEPTH} levels`, open);
    this.depth++;
    this.pos++;
    const inner = this.or(leaf);
    this.skipSpace();
    if (this.text[this.pos] !== ")") this.fail(`expected ')' to close the '(' at offset ${open} but found ${describe(this.text[this.pos])}`);
    this.pos++;
    this.depth--;
    return inner;
  }

  private operator(): ComparisonOperator | null {
    for (const op of ["!=", "<=", ">=", "=", "<", ">"] as const) {
      if (this.startsWith(op)) {
        this.pos += op.length;
        return op;
      }
    }
    return null;
  }

  private value(op: ComparisonOperator): Value {
    this.skipSpace();
    const start = this.pos;
    const ch = this.text[this.pos];
    let value: Value;
    if (ch === '"') {
      value = { kind: "string", value: this.quoted() };
    } else if (ch === "%") {
      this.regexes++;
      if (this.regexes > MAX_REGEXES) this.fail(`a filter pattern may contain at most ${MAX_REGEXES} regular expressions`, start);
      value = { kind: "regex", source: this.regexBody() };
    } else {
      while (this.pos < this.text.length && !VALUE_STOP.has(this.text[this.pos]!)) this.pos++;
      const raw = this.text.slice(start, this.pos);
      if (raw === "") this.fail(`expected a value after '${op}' but found ${describe(ch)}`);
      value = NUMBER.test(raw) ? { kind: "number", text: raw } : { kind: "string", value: raw };
    }
    if (op !== "=" && op !== "!=" && value.kind !== "number") {
      this.fail(`'${op}' compares numbers, so its value must be a number`, start);
    }
    return value;
  }

  // ---- JSON patterns ---------------------------------------------------------------------

  private jsonPattern(): FilterPattern {
    this.pos++; // '{'
    this.skipSpace();
    if (this.text[this.pos] === "}") this.fail("empty JSON filter pattern: expected a condition inside '{ }'");
    const expr: JsonExpr = this.or(() => this.jsonCondition());
    this.expect("}", "'&&', '||' or '}'");
    this.expectEnd("}");
    return { kind: "json", expr };
  }

  private jsonCondition(): JsonCondition {
    this.skipSpace();
    const selector = this.selector();
    this.skipSpace();
    const at = this.pos;
    if (/[A-Za-z]/.test(this.text[this.pos] ?? "")) {
      const keyword = this.word();
      if (keyword === "IS") {
        this.skipSpace();
        const testAt = this.pos;
        const test = this.word();
        if (test === "TRUE" || test === "FALSE" || test === "NULL") {
          return { kind: "is", selector, test: test === "TRUE" ? "true" : test === "FALSE" ? "false" : "null" };
        }
        if (test === "NOT") this.fail("IS NOT is not supported (use IS TRUE, IS FALSE, IS NULL or NOT EXISTS)", at);
        this.fail("expected TRUE, FALSE or NULL after IS", testAt);
      }
      if (keyword === "NOT") {
        this.skipSpace();
        const existsAt = this.pos;
        if (this.word() === "EXISTS") return { kind: "notExists", selector };
        this.fail("expected EXISTS after NOT", existsAt);
      }
      if (keyword === "EXISTS") this.fail("EXISTS is not supported (only NOT EXISTS is)", at);
      this.fail(`unknown keyword '${keyword}' after the selector (expected =, !=, <, >, <=, >=, IS or NOT EXISTS)`, at);
    }
    const op = this.operator();
    if (op === null) this.fail(`expected an operator (=, !=, <, >, <=, >=, IS or NOT EXISTS) but found ${describe(this.text[this.pos])}`);
    return { kind: "compare", selector, op, value: this.value(op) };
  }

  private selector(): Selector {
    const start = this.pos;
    if (this.text[this.pos] !== "$") this.fail(`expected a property selector starting with '$.' but found ${describe(this.text[this.pos])}`);
    this.pos++;
    if (this.text[this.pos] !== ".") this.fail("a property selector starts with '$.'");
    this.pos++;
    const steps: SelectorStep[] = [];
    // First step: a name, `*`, or `['name']`.
    const first = this.text[this.pos];
    if (first === "*") {
      this.pos++;
      steps.push({ kind: "anyField" });
    } else if (first === "[") {
      steps.push(this.bracket(false));
    } else {
      steps.push({ kind: "field", name: this.name() });
    }
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === ".") {
        this.pos++;
        const next = this.text[this.pos];
        if (next === "*") {
          this.pos++;
          steps.push({ kind: "anyField" });
        } else if (next === "[") {
          steps.push(this.bracket(false));
        } else {
          steps.push({ kind: "field", name: this.name() });
        }
      } else if (ch === "[") {
        steps.push(this.bracket(true));
      } else {
        break;
      }
    }
    const wildcards = steps.filter((s) => s.kind === "anyField" || s.kind === "anyIndex").length;
    if (wildcards > MAX_WILDCARDS_PER_SELECTOR) this.fail("a property selector may contain only one wildcard", start);
    if (wildcards > 0) {
      this.wildcardSelectors++;
      if (this.wildcardSelectors > MAX_WILDCARD_SELECTORS) {
        this.fail(`a filter pattern may contain at most ${MAX_WILDCARD_SELECTORS} wildcard selectors`, start);
      }
    }
    return { steps };
  }

  private name(): string {
    const start = this.pos;
    while (NAME_CHAR.test(this.text[this.pos] ?? "")) this.pos++;
    if (this.pos === start) this.fail(`expected a property name but found ${describe(this.text[this.pos])}`);
    return this.text.slice(start, this.pos);
  }

  /** `[3]`, `[*]` (when indexes are allowed) or `['name']`. */
  private bracket(allowIndex: boolean): SelectorStep {
    const open = this.pos;
    this.pos++;
    const ch = this.text[this.pos];
    let step: SelectorStep;
    if (ch === "'") {
      const close = this.text.indexOf("'", this.pos + 1);
      if (close < 0) this.fail("unterminated quoted property name", this.pos);
      const name = this.text.slice(this.pos + 1, close);
      if (name === "") this.fail("empty property name", this.pos);
      this.pos = close + 1;
      step = { kind: "field", name };
    } else if (allowIndex && ch === "*") {
      this.pos++;
      step = { kind: "anyIndex" };
    } else if (allowIndex && /[0-9]/.test(ch ?? "")) {
      const start = this.pos;
      while (/[0-9]/.test(this.text[this.pos] ?? "")) this.pos++;
      const digits = this.text.slice(start, this.pos);
      if (digits.length > 9) this.fail("array index too large", start);
      step = { kind: "index", index: Number(digits) };
    } else {
      this.fail(allowIndex ? "expected an array index, '*' or a quoted property name in '[ ]'" : "expected a quoted property name in '[ ]'", this.pos);
    }
    if (this.text[this.pos] !== "]") this.fail(`expected ']' to close the '[' at offset ${open}`);
    this.pos++;
    return step;
  }

  // ---- space-delimited patterns ----------------------------------------------------------

  private delimitedPattern(): FilterPattern {
    this.pos++; // '['
    this.skipSpace();
    if (this.text[this.pos] === "]") this.fail("empty space-delimited pattern: expected at least one field inside '[ ]'");
    const fields: DelimitedField[] = [];
    for (;;) {
      fields.push(this.delimitedField());
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === ",") {
        this.pos++;
        continue;
      }
      if (ch === "]") {
        this.pos++;
        break;
      }
      this.fail(`expected ',' or ']' but found ${describe(ch)}`);
    }
    this.expectEnd("]");
    return { kind: "delimited", fields };
  }

  private delimitedField(): DelimitedField {
    this.skipSpace();
    if (this.startsWith("...")) {
      this.pos += 3;
      return { kind: "ellipsis" };
    }
    const start = this.pos;
    const plain = this.fieldName();
    if (plain !== null) {
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === "," || next === "]" || next === undefined) return { kind: "field", name: plain, condition: null };
    }
    // A condition: every comparison in it names the same field.
    this.pos = start;
    const names: { name: string; offset: number }[] = [];
    const condition: FieldExpr = this.or(() => this.fieldComparison(names));
    const name = names[0]!.name;
    for (const other of names) {
      if (other.name !== name) this.fail(`a field's conditions must all name that field ('${name}'), not '${other.name}'`, other.offset);
    }
    return { kind: "field", name, condition };
  }

  private fieldName(): string | null {
    const start = this.pos;
    while (FIELD_NAME_CHAR.test(this.text[this.pos] ?? "")) this.pos++;
    return this.pos === start ? null : this.text.slice(start, this.pos);
  }

  private fieldComparison(names: { name: string; offset: number }[]): FieldComparison {
    this.skipSpace();
    const at = this.pos;
    const name = this.fieldName();
    if (name === null) this.fail(`expected a field name, '...' or '(' but found ${describe(this.text[this.pos])}`);
    names.push({ name, offset: at });
    this.skipSpace();
    const op = this.operator();
    if (op === null) this.fail(`expected an operator (=, !=, <, >, <=, >=) after '${name}' but found ${describe(this.text[this.pos])}`);
    return { kind: "compare", op, value: this.value(op) };
  }

  // ---- regex and term patterns -----------------------------------------------------------

  private regexPattern(): FilterPattern {
    this.regexes++;
    const source = this.regexBody();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail("a regular expression must be the whole filter pattern");
    return { kind: "regex", source };
  }

  private termPattern(): FilterPattern {
    const terms: Term[] = [];
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) break;
      let mode: Term["mode"] = "include";
      const ch = this.text[this.pos];
      if (ch === "?" || ch === "-") {
        mode = ch === "?" ? "optional" : "exclude";
        this.pos++;
      }
      const at = this.pos;
      const next = this.text[this.pos];
      let text: string;
      if (next === '"') {
        text = this.quoted();
        const after = this.text[this.pos];
        if (after !== undefined && !isSpace(after)) this.fail(`expected a space after the closing quote but found ${describe(after)}`);
      } else {
        while (this.pos < this.text.length && !isSpace(this.text[this.pos])) {
          if (this.text[this.pos] === '"') this.fail("a double quote inside an unquoted term (quote the whole term)");
          this.pos++;
        }
        text = this.text.slice(at, this.pos);
        if (text === "") this.fail(`expected a term after '${ch}'`, at);
        if (text.startsWith("%")) this.fail("a regular expression must be the whole filter pattern", at);
      }
      terms.push({ mode, text });
    }
    return { kind: "terms", terms };
  }
}

/** Parses a filter pattern. Never throws. */
export function parseFilterPattern(text: string): ParseResult {
  if (typeof text !== "string") return { ok: false, error: { message: "the filter pattern is not a string", offset: 0 } };
  try {
    return { ok: true, pattern: new Parser(text).parse() };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: { message: e.message, offset: e.offset } };
    if (e instanceof RangeError) return { ok: false, error: { message: "the filter pattern is too complex", offset: 0 } };
    throw e;
  }
}
