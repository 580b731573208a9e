// fast-check generators of filter-pattern syntax trees in the parser's normal form: `and` /
// `or` nodes flattened (no operand of the same kind, at least two operands), relational
// operators only with numbers, at most one wildcard per selector, three wildcard selectors and
// two regexes per pattern.

import fc from "fast-check";
import type {
  BoolExpr,
  ComparisonOperator,
  DelimitedField,
  FieldComparison,
  FilterPattern,
  JsonCondition,
  Selector,
  SelectorStep,
  Term,
  Value,
} from "../../src/semantics/filter-pattern/index.ts";

const plainName = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const bracketName = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !s.includes("'"));
const fieldName = fc.oneof({ weight: 4, arbitrary: plainName }, { weight: 1, arbitrary: bracketName });

const fieldStep: fc.Arbitrary<SelectorStep> = fieldName.map((name) => ({ kind: "field", name }));
const indexStep: fc.Arbitrary<SelectorStep> = fc.nat({ max: 40 }).map((index) => ({ kind: "index", index }));
const wildStep: fc.Arbitrary<SelectorStep> = fc.constantFrom<SelectorStep>({ kind: "anyField" }, { kind: "anyIndex" });

export const selector: fc.Arbitrary<Selector> = fc
  .tuple(
    fc.oneof({ weight: 9, arbitrary: fieldStep }, { weight: 1, arbitrary: fc.constant<SelectorStep>({ kind: "anyField" }) }),
    fc.array(fc.oneof({ weight: 5, arbitrary: fieldStep }, { weight: 3, arbitrary: indexStep }, { weight: 1, arbitrary: wildStep }), { maxLength: 3 }),
  )
  .map(([first, rest]) => ({ steps: [first, ...rest] }))
  .filter((s) => wildcards(s) <= 1);

const digits = fc.stringMatching(/^[0-9]{1,4}$/);
export const numberText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "-", "+"),
    fc.oneof(
      digits,
      fc.tuple(digits, fc.stringMatching(/^[0-9]{0,3}$/)).map(([a, b]) => `${a}.${b}`),
      digits.map((d) => `.${d}`),
    ),
    fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), fc.stringMatching(/^[0-9]{1,2}$/)).map((p) => p.join("")), { nil: "" }),
  )
  .map((parts) => parts.join(""));

export const regexSource = fc.constantFrom("Trail", "val.{2}", "^a+b$", "[0-9]{1,3}", "\\d+\\.\\d+", "gra|ey", "[^c]at", "\\x3A\\s*\\w", "a{2,}");

const stringValue: fc.Arbitrary<Value> = fc.string({ maxLength: 10, unit: "binary" }).map((value) => ({ kind: "string", value }));
const numberValue: fc.Arbitrary<Value> = numberText.map((text) => ({ kind: "number", text }));
const regexValue: fc.Arbitrary<Value> = regexSource.map((source) => ({ kind: "regex", source }));

const comparison: fc.Arbitrary<{ op: ComparisonOperator; value: Value }> = fc.oneof(
  fc.tuple(fc.constantFrom<ComparisonOperator>("=", "!="), fc.oneof({ weight: 4, arbitrary: stringValue }, { weight: 2, arbitrary: numberValue }, { weight: 1, arbitrary: regexValue })),
  fc.tuple(fc.constantFrom<ComparisonOperator>("<", ">", "<=", ">="), numberValue),
).map(([op, value]) => ({ op, value }));

export const jsonCondition: fc.Arbitrary<JsonCondition> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(selector, comparison).map(([s, c]): JsonCondition => ({ kind: "compare", selector: s, op: c.op, value: c.value })) },
  { weight: 1, arbitrary: fc.tuple(selector, fc.constantFrom("true", "false", "null") as fc.Arbitrary<"true" | "false" | "null">).map(([s, test]): JsonCondition => ({ kind: "is", selector: s, test })) },
  { weight: 1, arbitrary: selector.map((s): JsonCondition => ({ kind: "notExists", selector: s })) },
);

/** Boolean trees in normal form over the given leaves. */
export function boolExpr<L extends { readonly kind: "compare" | "is" | "notExists" }>(leaf: fc.Arbitrary<L>, maxDepth: number): fc.Arbitrary<BoolExpr<L>> {
  const build = (kind: "and" | "or", depth: number): fc.Arbitrary<BoolExpr<L>> => {
    const other = kind === "and" ? "or" : "and";
    const operand: fc.Arbitrary<BoolExpr<L>> = depth <= 0 ? leaf : fc.oneof({ weight: 3, arbitrary: leaf }, { weight: 1, arbitrary: build(other, depth - 1) });
    return fc.array(operand, { minLength: 2, maxLength: 4 }).map((operands): BoolExpr<L> => ({ kind, operands }));
  };
  return fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 1, arbitrary: build("and", maxDepth) }, { weight: 1, arbitrary: build("or", maxDepth) });
}

function wildcards(s: Selector): number {
  return s.steps.filter((step) => step.kind === "anyField" || step.kind === "anyIndex").length;
}

function leaves<L>(e: BoolExpr<L>): L[] {
  const g = e as { kind: string; operands?: readonly BoolExpr<L>[] };
  if ((g.kind === "and" || g.kind === "or") && g.operands !== undefined) return g.operands.flatMap((o) => leaves(o));
  return [e as L];
}

function regexCount(values: readonly Value[]): number {
  return values.filter((v) => v.kind === "regex").length;
}

const fieldComparison: fc.Arbitrary<FieldComparison> = comparison.map((c) => ({ kind: "compare", op: c.op, value: c.value }));

const delimitedField: fc.Arbitrary<DelimitedField> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<DelimitedField>({ kind: "ellipsis" }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/), fc.option(boolExpr(fieldComparison, 2), { nil: null }))
      .map(([name, condition]): DelimitedField => ({ kind: "field", name, condition })),
  },
);

const term: fc.Arbitrary<Term> = fc
  .tuple(fc.constantFrom<Term["mode"]>("include", "exclude", "optional"), fc.oneof(fc.stringMatching(/^[A-Za-z0-9_]{1,6}$/), fc.string({ maxLength: 8, unit: "binary" })))
  .map(([mode, text]) => ({ mode, text }));

export const filterPattern: fc.Arbitrary<FilterPattern> = fc.oneof(
  {
    weight: 4,
    arbitrary: boolExpr(jsonCondition, 3)
      .filter((expr) => {
        const all = leaves(expr);
        const selectors = all.map((l) => l.selector);
        const values = all.flatMap((l) => (l.kind === "compare" ? [l.value] : []));
        return selectors.filter((s) => wildcards(s) > 0).length <= 3 && regexCount(values) <= 2;
      })
      .map((expr): FilterPattern => ({ kind: "json", expr })),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(delimitedField, { minLength: 1, maxLength: 6 })
      .filter((fields) => regexCount(fields.flatMap((f) => (f.kind === "field" && f.condition !== null ? leaves(f.condition).map((l) => l.value) : []))) <= 2)
      .map((fields): FilterPattern => ({ kind: "delimited", fields })),
  },
  { weight: 1, arbitrary: regexSource.map((source): FilterPattern => ({ kind: "regex", source })) },
  { weight: 2, arbitrary: fc.array(term, { maxLength: 5 }).map((terms): FilterPattern => ({ kind: "terms", terms })) },
);
