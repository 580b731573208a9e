import { describe, expect, it } from "vitest";
import { parseJson } from "../../src/parse/json.ts";
import { parseYaml } from "../../src/parse/yaml.ts";
import { LineIndex } from "../../src/parse/positions.ts";
import type { DocNode, MapNode } from "../../src/parse/tree.ts";

function get(n: DocNode | null, key: string): DocNode {
  const e = (n as MapNode).entries.find((x) => x.key === key);
  if (!e) throw new Error(`no ${key}`);
  return e.value;
}

describe("LineIndex", () => {
  it("gives 1-based lines and UTF-16 columns across LF and CRLF", () => {
    const text = "a\r\nbé😀c\nd";
    const li = new LineIndex(text);
    expect(li.position(0)).toEqual({ line: 1, column: 1 });
    expect(li.position(3)).toEqual({ line: 2, column: 1 });
    // the emoji is two UTF-16 code units, so "c" is at column 5
    expect(li.position(text.indexOf("c"))).toEqual({ line: 2, column: 5 });
    expect(li.position(text.indexOf("d"))).toEqual({ line: 3, column: 1 });
  });
});

describe("YAML", () => {
  it("normalizes every short-form tag to the long form", () => {
    const tags = ["Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split", "FindInMap", "ImportValue", "Base64", "Cidr", "GetAZs", "Condition"];
    const text = tags.map((t) => `${t}: !${t} x.y`).join("\n");
    const r = parseYaml(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const t of tags) {
      const v = get(r.root, t);
      expect(v.kind).toBe("map");
      const key = (v as MapNode).entries[0]!.key;
      expect(key).toBe(t === "Ref" || t === "Condition" ? t : `Fn::${t}`);
    }
    const getatt = (get(r.root, "GetAtt") as MapNode).entries[0]!.value;
    expect(getatt.kind === "seq" && getatt.items.map((i) => (i.kind === "scalar" ? i.value : null))).toEqual(["x", "y"]);
  });

  it("keeps the tag's position as the function key's position", () => {
    const text = "A:\n  B: !Ref Foo\n";
    const r = parseYaml(text);
    if (!r.ok) throw new Error("parse");
    const ref = get(get(r.root, "A"), "B") as MapNode;
    expect(ref.entries[0]!.keySpan).toEqual([text.indexOf("!Ref"), text.indexOf("!Ref") + 4]);
  });

  it("reads YAML 1.1 dates and versions as their text", () => {
    const r = parseYaml("AWSTemplateFormatVersion: 2010-09-09\nV: 1.10\n");
    if (!r.ok) throw new Error("parse");
    expect(get(r.root, "AWSTemplateFormatVersion")).toMatchObject({ value: "2010-09-09" });
  });

  it("rejects duplicate keys with their offset", () => {
    const r = parseYaml("a: 1\nb: 2\na: 3\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(/unique/i);
    expect(new LineIndex("a: 1\nb: 2\na: 3\n").position(r.error.offset).line).toBe(3);
  });

  it("reports an unknown tag as a warning and keeps the value", () => {
    const r = parseYaml("a: !Bogus x\n");
    expect(r.ok && r.warnings.map((w) => w.message)).toEqual(["unknown tag !Bogus"]);
  });

  it("refuses an alias bomb without running out of memory", () => {
    const lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]`);
    const r = parseYaml(lines.join("\n"));
    expect(r.ok).toBe(false);
  });

  it("refuses 10,000 levels of nesting without a stack overflow", () => {
    const r = parseYaml("a: " + "[".repeat(10_000) + "]".repeat(10_000));
    expect(r.ok).toBe(false);
  });
});

describe("JSON", () => {
  it("keeps key spans with their quotes", () => {
    const text = '{"Resources": {"T": 1}}';
    const r = parseJson(text);
    if (!r.ok) throw new Error("parse");
    const res = (r.root as MapNode).entries[0]!;
    expect(res.keySpan).toEqual([1, 12]);
    expect((res.value as MapNode).entries[0]!.keySpan).toEqual([15, 18]);
  });

  it("decodes escapes", () => {
    const r = parseJson('{"a": "x\\n\\u00e9\\"y"}');
    if (!r.ok) throw new Error("parse");
    expect(get(r.root, "a")).toMatchObject({ value: 'x\né"y' });
  });

  it.each([
    ['{"a": 1, "a": 2}', /duplicate key/],
    ['{"a": }', /unexpected/],
    ['{"a": 1', /expected/],
    ["[1, 2] x", /after the JSON value/],
    ['{"a": "b\nc"}', /control character/],
  ])("rejects %j", (text, message) => {
    const r = parseJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });

  it("refuses 10,000 levels of nesting without a stack overflow", () => {
    const r = parseJson("[".repeat(10_000) + "]".repeat(10_000));
    expect(r.ok).toBe(false);
  });
});
