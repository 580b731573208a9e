// CloudWatch Logs filter patterns: parse, evaluate against log events, print canonically.

export type {
  BoolExpr,
  BoolGroup,
  ComparisonOperator,
  DelimitedField,
  EqualityOperator,
  FieldComparison,
  FieldExpr,
  FilterPattern,
  JsonCondition,
  JsonExpr,
  ParseError,
  ParseResult,
  RelationalOperator,
  Selector,
  SelectorStep,
  Term,
  Value,
} from "./ast.ts";
export { MAX_DEPTH, MAX_REGEXES, MAX_WILDCARD_SELECTORS, MAX_WILDCARDS_PER_SELECTOR, parseFilterPattern } from "./parse.ts";
export { matchesEvent, selectValues, splitFields, wildcardMatch } from "./evaluate.ts";
export { printFilterPattern, printSelector } from "./print.ts";
export { compileRegex, regexSearch } from "./regex.ts";
export type { RegexCompileResult, RegexProgram } from "./regex.ts";

import { matchesEvent } from "./evaluate.ts";
import { parseFilterPattern } from "./parse.ts";
import type { ParseError } from "./ast.ts";

/** Parses `patternText` and evaluates it against each event; a parse error is returned as is. */
export function matchPatternText(
  patternText: string,
  events: readonly unknown[],
): { readonly ok: true; readonly matches: readonly boolean[] } | { readonly ok: false; readonly error: ParseError } {
  const parsed = parseFilterPattern(patternText);
  if (!parsed.ok) return parsed;
  return { ok: true, matches: events.map((e) => matchesEvent(parsed.pattern, e)) };
}
