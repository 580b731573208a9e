// The syntax tree of a CloudWatch Logs filter pattern.
//
// A pattern is one of four shapes (CloudWatch decides by the first character):
//   - JSON:            { $.a.b = "x" && ($.c > 3 || $.d IS NULL) }
//   - space-delimited: [ip, user, ..., status_code = 4*, bytes]
//   - regular expression on the whole message: %ERROR [0-9]+%
//   - terms:           ERROR "exact phrase" -excluded ?optional   (empty: every event)
//
// The tree keeps meaning only: parentheses, spacing, newlines and quoting are gone, and
// `&&` / `||` chains are flattened (an `and` never has an `and` operand, an `or` never an
// `or` operand, and each has at least two operands). Two texts that differ only in those
// respects parse to deep-equal trees, which is what "parsed, never matched as text" needs.

/** One step of a JSON property selector after `$`. */
export type SelectorStep =
  /** `.name` or `['name']` */
  | { readonly kind: "field"; readonly name: string }
  /** `[3]` */
  | { readonly kind: "index"; readonly index: number }
  /** `.*`: every field of an object */
  | { readonly kind: "anyField" }
  /** `[*]`: every element of an array */
  | { readonly kind: "anyIndex" };

/** `$.a.b[0].c`; never empty, and the first step is a `field` or `anyField`. */
export interface Selector {
  readonly steps: readonly SelectorStep[];
}

/**
 * A comparison operand.
 * - `string`: quoted or unquoted text; every `*` in it is a wildcard for any run of characters.
 * - `number`: an unquoted numeric literal, kept as written (`1e+3`, `-0.5`).
 * - `regex`:  `%...%`, the CloudWatch regular-expression subset (source without the `%`).
 */
export type Value =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "regex"; readonly source: string };

export type EqualityOperator = "=" | "!=";
export type RelationalOperator = "<" | ">" | "<=" | ">=";
export type ComparisonOperator = EqualityOperator | RelationalOperator;

/** `a && b && ...` or `a || b || ...`: at least two operands, none of the same kind. */
export interface BoolGroup<Leaf> {
  readonly kind: "and" | "or";
  readonly operands: readonly BoolExpr<Leaf>[];
}

/** Boolean combination of leaf conditions, shared by JSON and space-delimited patterns. */
export type BoolExpr<Leaf> = BoolGroup<Leaf> | Leaf;

/** A leaf of a JSON pattern. Relational operators only ever carry a `number` value. */
export type JsonCondition =
  | {
      readonly kind: "compare";
      readonly selector: Selector;
      readonly op: ComparisonOperator;
      readonly value: Value;
    }
  /** `IS TRUE`, `IS FALSE`, `IS NULL` */
  | { readonly kind: "is"; readonly selector: Selector; readonly test: "true" | "false" | "null" }
  /** `NOT EXISTS` */
  | { readonly kind: "notExists"; readonly selector: Selector };

export type JsonExpr = BoolExpr<JsonCondition>;

/** A leaf of a space-delimited field condition; the field it tests is the enclosing field. */
export interface FieldComparison {
  readonly kind: "compare";
  readonly op: ComparisonOperator;
  readonly value: Value;
}

export type FieldExpr = BoolExpr<FieldComparison>;

export type DelimitedField =
  /** `...`: any number (zero or more) of unnamed fields */
  | { readonly kind: "ellipsis" }
  /** `name` or `name = value || name = value ...`; `condition` null when the field is only named */
  | { readonly kind: "field"; readonly name: string; readonly condition: FieldExpr | null };

/**
 * A term of an unstructured pattern.
 * - `include`: the message must contain it (plain `ERROR` or `"exact phrase"`)
 * - `exclude`: the message must not contain it (`-ARGUMENTS`)
 * - `optional`: `?ERROR`; the message must contain at least one optional term, and optional
 *   terms are ignored altogether when the pattern has any include or exclude term.
 */
export interface Term {
  readonly mode: "include" | "exclude" | "optional";
  readonly text: string;
}

export type FilterPattern =
  | { readonly kind: "json"; readonly expr: JsonExpr }
  | { readonly kind: "delimited"; readonly fields: readonly DelimitedField[] }
  | { readonly kind: "regex"; readonly source: string }
  | { readonly kind: "terms"; readonly terms: readonly Term[] };

export interface ParseError {
  readonly message: string;
  /** 0-based offset (UTF-16 code units) into the pattern text where the problem was found. */
  readonly offset: number;
}

export type ParseResult =
  | { readonly ok: true; readonly pattern: FilterPattern }
  | { readonly ok: false; readonly error: ParseError };
