/**
 * Property: replacing any literal of an expression by an unknown never makes the evaluator throw,
 * and the result is then either unknown (somewhere) or what it was before.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Range } from "../../src/model/location.ts";
import { containsUnknown, UnknownValue, type Value } from "../../src/model/value.ts";
import type { BinaryOp, Expr } from "../../src/parse/hcl-ast.ts";
import { evaluateAttribute, type Diagnostic, type EvalContext } from "../../src/adapters/terraform/evaluate.ts";
import { terraformFunctions } from "../../src/adapters/terraform/functions.ts";
import { sameValue } from "../../src/adapters/terraform/values.ts";

const R: Range = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
const OPS: BinaryOp[] = ["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "&&", "||"];
const FUNCTIONS = ["upper", "length", "concat", "merge", "jsonencode", "join", "coalesce", "tostring", "keys", "flatten", "contains", "lookup", "max", "compact", "distinct", "reverse", "try", "can", "format"];

const literal: fc.Arbitrary<Expr> = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map((value) => ({ kind: "literal", value, range: R }) as Expr),
  fc.constantFrom("", "a", "b", "1", "true").map((value) => ({ kind: "literal", value, range: R }) as Expr),
  fc.boolean().map((value) => ({ kind: "literal", value, range: R }) as Expr),
  fc.constant({ kind: "literal", value: null, range: R } as Expr),
);

const { expr } = fc.letrec<{ expr: Expr }>((tie) => {
  const sub = tie("expr");
  return {
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      fc.array(sub, { maxLength: 3 }).map((items) => ({ kind: "tuple", items, range: R }) as Expr),
      fc
        .array(fc.tuple(literal, sub), { maxLength: 3 })
        .map((pairs) => ({ kind: "object", items: pairs.map(([key, value]) => ({ key, value })), range: R }) as Expr),
      fc.tuple(fc.constantFrom(...OPS), sub, sub).map(([op, left, right]) => ({ kind: "binary", op, left, right, range: R }) as Expr),
      fc.tuple(fc.constantFrom<"-" | "!">("-", "!"), sub).map(([op, operand]) => ({ kind: "unary", op, operand, range: R }) as Expr),
      fc.tuple(sub, sub, sub).map(([condition, whenTrue, whenFalse]) => ({ kind: "conditional", condition, whenTrue, whenFalse, range: R }) as Expr),
      fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(sub, { maxLength: 3 })).map(
        ([name, args]) => ({ kind: "call", name, nameRange: R, args, expandFinal: false, range: R }) as Expr,
      ),
      fc.tuple(sub, sub).map(([target, key]) => ({ kind: "index", target, key, range: R }) as Expr),
      fc.tuple(sub, fc.constantFrom("a", "b")).map(([target, name]) => ({ kind: "getattr", target, name, range: R }) as Expr),
      sub.map((source) => ({ kind: "splat", source, each: { kind: "splat-item", range: R }, full: true, range: R }) as Expr),
      fc.array(sub, { minLength: 1, maxLength: 3 }).map(
        (parts) =>
          ({
            kind: "template",
            parts: parts.map((e) => ({ kind: "interpolation", expr: e, range: R })),
            unwrap: parts.length === 1,
            range: R,
          }) as Expr,
      ),
      fc.tuple(sub, sub, fc.option(sub, { nil: undefined }), fc.boolean()).map(
        ([collection, valueExpr, keyExpr, grouping]) =>
          ({
            kind: "for",
            keyVar: "k",
            valueVar: "v",
            collection,
            valueExpr: { kind: "binary", op: "==", left: { kind: "variable", name: "v", range: R }, right: valueExpr, range: R },
            ...(keyExpr === undefined ? {} : { keyExpr: { kind: "template", parts: [{ kind: "interpolation", expr: { kind: "variable", name: "k", range: R }, range: R }], unwrap: false, range: R } }),
            grouping: keyExpr !== undefined && grouping,
            range: R,
          }) as Expr,
      ),
    ),
  };
});

/** Copies the expression with its n-th literal (depth first) replaced; returns how many literals it saw. */
function replaceLiteral(e: Expr, n: number, by: Expr): { expr: Expr; seen: number } {
  let seen = 0;
  const walk = (x: Expr): Expr => {
    if (x.kind === "literal") return seen++ === n ? by : x;
    switch (x.kind) {
      case "tuple":
        return { ...x, items: x.items.map(walk) };
      case "object":
        return { ...x, items: x.items.map((i) => ({ key: walk(i.key), value: walk(i.value) })) };
      case "binary":
        return { ...x, left: walk(x.left), right: walk(x.right) };
      case "unary":
        return { ...x, operand: walk(x.operand) };
      case "conditional":
        return { ...x, condition: walk(x.condition), whenTrue: walk(x.whenTrue), whenFalse: walk(x.whenFalse) };
      case "call":
        return { ...x, args: x.args.map(walk) };
      case "index":
        return { ...x, target: walk(x.target), key: walk(x.key) };
      case "getattr":
        return { ...x, target: walk(x.target) };
      case "splat":
        return { ...x, source: walk(x.source) };
      case "template":
        return { ...x, parts: x.parts.map((p) => (p.kind === "interpolation" ? { ...p, expr: walk(p.expr) } : p)) };
      case "for":
        return { ...x, collection: walk(x.collection), valueExpr: walk(x.valueExpr) };
      default:
        return x;
    }
  };
  return { expr: walk(e), seen };
}

const UNKNOWN = new UnknownValue("unset-variable", "u");

function evaluate(e: Expr): Value {
  const diagnostics: Diagnostic[] = [];
  const ctx: EvalContext = {
    file: "p.tf",
    functions: terraformFunctions,
    diagnostics,
    depth: { n: 0 },
    refs: { resolve: (root) => (root === "u" ? { value: UNKNOWN, consumed: 0 } : undefined) },
  };
  return evaluateAttribute(e, ctx);
}

/** Equal, or equal after HCL's unification of a number or bool with a string (an unknown has no type here). */
/** Equal, or equal once primitives are compared as text (a branch whose type is unknown is not
 * converted to the other branch's type, so `false` may stand where `"false"` stood). */
function unaffected(before: Value, after: Value): boolean {
  if (sameValue(before, after)) return true;
  const prim = (v: Value): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  if (prim(before) && prim(after)) return String(before) === String(after);
  if (Array.isArray(before) && Array.isArray(after)) return before.length === after.length && before.every((b, i) => unaffected(b, after[i]!));
  return false;
}

describe("unknown propagation", () => {
  test("an unknown in place of a literal gives an unknown or the same result, never an exception", () => {
    fc.assert(
      fc.property(expr, fc.nat(), (e, pick) => {
        const before = evaluate(e);
        const count = replaceLiteral(e, -1, e).seen;
        if (count === 0) return;
        const changed = replaceLiteral(e, pick % count, { kind: "variable", name: "u", range: R }).expr;
        const after = evaluate(changed);
        if (containsUnknown(before)) return;
        expect(containsUnknown(after) || unaffected(before, after)).toBe(true);
      }),
      { numRuns: 2000, seed: 4242 },
    );
  });
});
