import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { jsonPieces } from "../../src/report/json-pieces.ts";

describe("jsonPieces", () => {
  test("joins to exactly JSON.stringify(value, null, 2) and a newline, at any depth", () => {
    const value = fc.oneof(fc.jsonValue(), fc.anything({ withBoxedValues: true, withMap: false, withSet: false, withBigInt: false, withTypedArray: false, withSparseArray: true, withNullPrototype: true }));
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 6 }), (v, depth) => {
        expect([...jsonPieces(v, depth)].join("")).toBe(`${JSON.stringify(v, null, 2) ?? "null"}\n`);
      }),
      { numRuns: 400 },
    );
  });

  test("empty containers, members JSON leaves out, toJSON, and a large array in many pieces", () => {
    const v = { a: [], b: {}, c: undefined, d: () => 1, e: [undefined, Symbol("s"), 1], when: new Date(0), n: null, s: "line\nbreak" };
    expect([...jsonPieces(v)].join("")).toBe(`${JSON.stringify(v, null, 2)}\n`);
    const results = Array.from({ length: 1000 }, (_, i) => ({ ruleId: "TG003", n: i, loc: { file: "a.tf", range: [i, 1, i, 9] } }));
    const doc = { version: "2.1.0", runs: [{ results }] };
    const parts = [...jsonPieces(doc)];
    expect(parts.length).toBeGreaterThan(1000);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(300);
    expect(parts.join("")).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });
});
