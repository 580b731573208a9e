// Prints a filter pattern in one canonical form: single spaces, strings always double-quoted,
// parentheses only where `||` sits inside `&&`, and JSON patterns as `{ ... }`.
// For every tree the parser can produce, parsing the printed text gives back the same tree.

import type { BoolExpr, DelimitedField, FilterPattern, JsonCondition, Selector, Term, Value } from "./ast.ts";

const PLAIN_NAME = /^[A-Za-z0-9_-]+$/;
const PLAIN_TERM = /^[A-Za-z0-9_]+$/;

function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function printValue(value: Value): string {
  switch (value.kind) {
    case "string":
      return quote(value.value);
    case "number":
      return value.text;
    case "regex":
      return `%${value.source}%`;
  }
}

export function printSelector(selector: Selector): string {
  let out = "$";
  selector.steps.forEach((step, i) => {
    switch (step.kind) {
      case "field":
        out += PLAIN_NAME.test(step.name) ? `.${step.name}` : i === 0 ? `.['${step.name}']` : `['${step.name}']`;
        break;
      case "anyField":
        out += ".*";
        break;
      case "index":
        out += i === 0 ? `.[${step.index}]` : `[${step.index}]`;
        break;
      case "anyIndex":
        out += i === 0 ? ".[*]" : "[*]";
        break;
    }
  });
  return out;
}

function printBool<L extends { readonly kind: string }>(expr: BoolExpr<L>, leaf: (l: L) => string): string {
  if (expr.kind === "and" || expr.kind === "or") {
    const group = expr as { kind: "and" | "or"; operands: readonly BoolExpr<L>[] };
    const parts = group.operands.map((o) => {
      const text = printBool(o, leaf);
      // `&&` binds tighter than `||`, so only an `||` (or a nested group of the same kind,
      // which the parser never produces) needs parentheses.
      return o.kind === "or" || o.kind === group.kind ? `(${text})` : text;
    });
    return parts.join(group.kind === "and" ? " && " : " || ");
  }
  return leaf(expr as L);
}

function printCondition(c: JsonCondition): string {
  const selector = printSelector(c.selector);
  switch (c.kind) {
    case "compare":
      return `${selector} ${c.op} ${printValue(c.value)}`;
    case "is":
      return `${selector} IS ${c.test.toUpperCase()}`;
    case "notExists":
      return `${selector} NOT EXISTS`;
  }
}

function printField(field: DelimitedField): string {
  if (field.kind === "ellipsis") return "...";
  if (field.condition === null) return field.name;
  return printBool(field.condition, (c) => `${field.name} ${c.op} ${printValue(c.value)}`);
}

function printTerm(term: Term): string {
  const prefix = term.mode === "exclude" ? "-" : term.mode === "optional" ? "?" : "";
  return prefix + (PLAIN_TERM.test(term.text) ? term.text : quote(term.text));
}

/** The canonical text of a pattern. */
export function printFilterPattern(pattern: FilterPattern): string {
  switch (pattern.kind) {
    case "json":
      return `{ ${printBool(pattern.expr, printCondition)} }`;
    case "delimited":
      return `[${pattern.fields.map(printField).join(", ")}]`;
    case "regex":
      return `%${pattern.source}%`;
    case "terms":
      return pattern.terms.map(printTerm).join(" ");
  }
}
