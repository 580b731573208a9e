// Property tests: printing and parsing are inverse on syntax trees, printing is stable,
// formatting never changes the tree, and the parser never throws.

import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { matchesEvent, parseFilterPattern, printFilterPattern } from "../../src/semantics/filter-pattern/index.ts";
import type { FilterPattern, JsonCondition } from "../../src/semantics/filter-pattern/index.ts";
import { filterPattern, jsonCondition } from "./filter-arbitraries.ts";

function reparse(text: string): FilterPattern {
  const result = parseFilterPattern(text);
  if (!result.ok) throw new Error(`printed text does not parse: ${result.error.message} at ${result.error.offset} in ${text}`);
  return result.pattern;
}

describe("printer and parser", () => {
  test("parse(print(ast)) deep-equals ast", () => {
    fc.assert(
      fc.property(filterPattern, (ast) => {
        expect(reparse(printFilterPattern(ast))).toStrictEqual(ast);
      }),
      { numRuns: 1500 },
    );
  });

  test("printing is stable: print(parse(print(ast))) === print(ast)", () => {
    fc.assert(
      fc.property(filterPattern, (ast) => {
        const once = printFilterPattern(ast);
        expect(printFilterPattern(reparse(once))).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  test("extra whitespace, newlines and redundant parentheses around JSON conditions do not change the tree", () => {
    const gap = fc.constantFrom(" ", "  ", "\n", "\t", "\r\n ", " \n\t");
    fc.assert(
      fc.property(
        filterPattern.filter((p) => p.kind === "json"),
        fc.array(gap, { minLength: 64, maxLength: 64 }),
        fc.nat({ max: 3 }),
        (ast, gaps, parens) => {
          const canonical = printFilterPattern(ast);
          // Widen every single space outside quoted strings and regexes, and wrap the whole
          // expression in extra parentheses.
          let out = "";
          let inString = false;
          let inRegex = false;
          let inName = false;
          let g = 0;
          for (let i = 0; i < canonical.length; i++) {
            const ch = canonical[i]!;
            if (inString) {
              out += ch;
              if (ch === "\\") out += canonical[++i] ?? "";
              else if (ch === '"') inString = false;
              continue;
            }
            if (ch === '"' && !inName) inString = true;
            if (ch === "%" && !inName) inRegex = !inRegex;
            if (ch === "'" && !inRegex) inName = !inName;
            out += ch === " " && !inRegex && !inName ? gaps[g++ % gaps.length]! : ch;
          }
          const inner = out.slice(1, -1);
          const wrapped = `{${"(".repeat(parens)}${inner}${")".repeat(parens)}}`;
          expect(reparse(wrapped)).toStrictEqual(ast);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("parser robustness", () => {
  const alphabet = fc.constantFrom("{", "}", "[", "]", "(", ")", "$", ".", "a", "1", "*", "=", "!", "<", ">", "&", "|", '"', "\\", "%", " ", "\n", ",", "'", "?", "-", "IS ", "NOT ", "EXISTS", "NULL", "...");

  test("never throws, and error offsets lie within the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60, unit: "binary" }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(""))), (text) => {
        const result = parseFilterPattern(text);
        if (!result.ok) {
          expect(result.error.offset).toBeGreaterThanOrEqual(0);
          expect(result.error.offset).toBeLessThanOrEqual(text.length);
          expect(result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("mutating a printed pattern gives a pattern or an error, never an exception", () => {
    fc.assert(
      fc.property(filterPattern, fc.nat(), fc.nat({ max: 4 }), (ast, at, cut) => {
        const text = printFilterPattern(ast);
        const i = text.length === 0 ? 0 : at % text.length;
        expect(() => parseFilterPattern(text.slice(0, i) + text.slice(i + cut))).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("evaluator laws", () => {
  const scalar = fc.oneof(fc.constantFrom("Root", "IAMUser", "root", "x", "", "5", "1e3"), fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null));
  const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 3 }) }, { weight: 1, arbitrary: tie("object") }),
    object: fc.dictionary(fc.constantFrom("a", "b", "c", "type", "0"), tie("value"), { maxKeys: 4 }),
  })).object;

  const single = (c: JsonCondition): FilterPattern => ({ kind: "json", expr: c });

  test("&& is conjunction and || is disjunction of the operands' results", () => {
    fc.assert(
      fc.property(jsonCondition, jsonCondition, jsonValue, (a, b, event) => {
        const left = matchesEvent(single(a), event);
        const right = matchesEvent(single(b), event);
        expect(matchesEvent({ kind: "json", expr: { kind: "and", operands: [a, b] } }, event)).toBe(left && right);
        expect(matchesEvent({ kind: "json", expr: { kind: "or", operands: [a, b] } }, event)).toBe(left || right);
      }),
      { numRuns: 2000 },
    );
  });

  test("on a present scalar value, = and != are complements; on anything else both are false", () => {
    fc.assert(
      fc.property(jsonCondition, jsonValue, (c, event) => {
        if (c.kind !== "compare" || (c.op !== "=" && c.op !== "!=")) return;
        const eq = matchesEvent(single({ ...c, op: "=" }), event);
        const ne = matchesEvent(single({ ...c, op: "!=" }), event);
        const wildcard = c.selector.steps.some((s) => s.kind === "anyField" || s.kind === "anyIndex");
        if (!wildcard) expect(eq && ne).toBe(false);
        if (matchesEvent(single({ kind: "notExists", selector: c.selector }), event)) expect(eq || ne).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
