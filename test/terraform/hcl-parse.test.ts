import { describe, expect, test } from "vitest";
import type { Range } from "../../src/model/location.ts";
import { hclParser, sexpr } from "./support.ts";

const r = (startLine: number, startColumn: number, endLine: number, endColumn: number): Range => ({
  startLine,
  startColumn,
  endLine,
  endColumn,
});

const parseExpr = async (src: string): Promise<string> => {
  const hcl = await hclParser;
  const p = hcl.parseExpression(src);
  expect(p.errors).toEqual([]);
  return sexpr(p.expr);
};

describe("structure and positions", () => {
  test("blocks, labels, attributes and their ranges", async () => {
    const hcl = await hclParser;
    const src = [
      'resource "aws_cloudtrail" "main" {',
      "  name = \"trail\"",
      "  event_selector {",
      "    read_write_type = \"All\"",
      "  }",
      "}",
      "",
    ].join("\n");
    const f = hcl.parseFile("main.tf", src);
    expect(f.errors).toEqual([]);
    const [block] = f.body.blocks;
    expect(block).toMatchObject({
      type: "resource",
      labels: ["aws_cloudtrail", "main"],
      typeRange: r(1, 1, 1, 9),
      labelRanges: [r(1, 10, 1, 26), r(1, 27, 1, 33)],
      range: r(1, 1, 6, 2),
      headerRange: r(1, 1, 1, 35),
    });
    const name = block!.body.attributes[0]!;
    expect(name).toMatchObject({ name: "name", nameRange: r(2, 3, 2, 7), range: r(2, 3, 2, 17) });
    expect(name.expr).toEqual({ kind: "literal", value: "trail", range: r(2, 10, 2, 17) });
    const nested = block!.body.blocks[0]!;
    expect(nested).toMatchObject({ type: "event_selector", labels: [], range: r(3, 3, 5, 4), headerRange: r(3, 3, 3, 19) });
    expect(nested.body.attributes[0]!.range).toEqual(r(4, 5, 4, 28));
  });

  test("columns count UTF-16 code units", async () => {
    const hcl = await hclParser;
    // "é" is one code unit, "👩" two, "Ж" one: columns after them shift accordingly.
    const f = hcl.parseFile("u.tf", 'a = "é👩Ж" # ünïcode\nb = "${x}🙂" ; c = 1\n');
    const [a] = f.body.attributes;
    expect(a!.expr.range).toEqual(r(1, 5, 1, 11));
    expect(f.comments[0]).toEqual({ text: "# ünïcode", style: "#", range: r(1, 12, 1, 21) });
    const b = f.body.attributes[1]!;
    expect(b.expr.kind).toBe("template");
    if (b.expr.kind !== "template") return;
    expect(b.expr.parts.map((p) => p.range)).toEqual([r(2, 6, 2, 10), r(2, 10, 2, 12)]);
  });

  test("comments of all three styles keep their ranges", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("c.tf", "# one\n// two\n/* three\n   lines */\nx = 1 /* inline */\n");
    expect(f.comments.map((c) => [c.style, c.text, c.range])).toEqual([
      ["#", "# one", r(1, 1, 1, 6)],
      ["//", "// two", r(2, 1, 2, 7)],
      ["/*", "/* three\n   lines */", r(3, 1, 4, 12)],
      ["/*", "/* inline */", r(5, 7, 5, 19)],
    ]);
  });

  test("CRLF line endings", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("w.tf", 'a = 1\r\nresource "x" "y" {\r\n  b = "c"\r\n}\r\n');
    expect(f.errors).toEqual([]);
    expect(f.body.blocks[0]!.range).toEqual(r(2, 1, 4, 2));
    expect(f.body.blocks[0]!.body.attributes[0]!.range).toEqual(r(3, 3, 3, 10));
  });

  test("one-line blocks and identifier labels", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("o.tf", 'variable env { default = "x" }\nlocals {}\n');
    expect(f.body.blocks.map((b) => [b.type, b.labels, b.body.attributes.length])).toEqual([
      ["variable", ["env"], 1],
      ["locals", [], 0],
    ]);
  });
});

describe("syntax errors", () => {
  test("an error names its line; well-formed blocks around it are kept", async () => {
    const hcl = await hclParser;
    const src = [
      'resource "a" "one" {',
      "  x = 1",
      "}",
      'resource "b" "two" {',
      "  y = = 2",
      "}",
      'resource "c" "three" {',
      "  z = 3",
      "}",
      "",
    ].join("\n");
    const f = hcl.parseFile("bad.tf", src);
    expect(f.body.blocks.map((b) => b.labels[1])).toEqual(["one", "three"]);
    expect(f.errors.length).toBeGreaterThan(0);
    expect(f.errors[0]!.range.startLine).toBe(5);
    expect(f.errors[0]!.message).toMatch(/^Syntax error on line 5: /);
  });

  test("an unclosed block is reported and dropped", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("open.tf", 'resource "a" "b" {\n  x = 1\n\nresource "c" "d" {\n  y = 2\n}\n');
    expect(f.errors.length).toBeGreaterThan(0);
    expect(f.body.blocks.map((b) => b.labels[1])).toEqual(["d"]);
  });

  test("an unterminated string", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("s.tf", 'a = "abc\nb = 2\n');
    expect(f.errors[0]!.message).toMatch(/line 1/);
  });
});

describe("expression forms", () => {
  test.each([
    ["1 + 2 * 3", "(+ 1 (* 2 3))"],
    ["(1 + 2) * 3", "(* ((+ 1 2)) 3)"],
    ["a - b - c", "(- (- a b) c)"],
    ["!a && b || c", "(|| (&& (! a) b) c)"],
    ["-x.y", "(- x.y)"],
    ["a ? b : c", "(? a b c)"],
    ["a ? b : c ? d : e", "(? a b (? c d e))"],
    ["a ? b ? c : d : e", "(? a (? b c d) e)"],
    ["a == b ? 1 : 2", "(? (== a b) 1 2)"],
    ["x.y[0].z", "x.y[0].z"],
    ["x.0.y", "x[0].y"],
    ['x["k"]', 'x["k"]'],
    ["x[*].a.b[0]", "(splat[*] x @.a.b[0])"],
    ["x.*.a.b[0]", "(splat.* x @.a.b)[0]"],
    ["x[*][*].a", "(splat[*] x (splat[*] @ @.a))"],
    ["f()", "(f )"],
    ["f(a, b...)", "(f a b...)"],
    ["provider::aws::arn_parse(x)", "(provider::aws::arn_parse x)"],
    ["[1, 2,]", "[1 2]"],
    ['{a = 1, "b" : 2, (c) = 3}', '{"a"=1 "b"=2 (c)=3}'],
    ["{\n  a = 1\n  b = 2\n}", '{"a"=1 "b"=2}'],
    ["[for x in xs : x if x]", "(for _ x xs x if x)"],
    ["{for k, v in m : k => v...}", "(for k v m k => v...)"],
    ['"a${b}c"', '(template "a" ${b} "c")'],
    ['"${x}"', "(template! ${x})"],
    ['"%{ if c }y%{ else }n%{ endif }"', '(template %{if c "y" else "n"})'],
    ['"%{ for i, v in l }${v}%{ endfor }"', "(template %{for i v l ${v}})"],
    ["null", "null"],
    ["true", "true"],
    ["1.5e3", "1500"],
  ])("%s", async (src, want) => {
    expect(await parseExpr(src)).toBe(want);
  });
});

describe("templates", () => {
  test.each([
    ['"tab\\there \\"q\\" \\\\ \\u00e9 \\U0001F600"', 'tab\there "q" \\ é 😀'],
    ['"$${literal} %%{literal}"', "${literal} %{literal}"],
    ['"a # not a comment // either"', "a # not a comment // either"],
  ])("%s decodes", async (src, want) => {
    const hcl = await hclParser;
    const e = hcl.parseExpression(src).expr;
    expect(e).toMatchObject({ kind: "literal", value: want });
  });

  test("strip markers remove adjacent spaces from literals only", async () => {
    expect(await parseExpr('"hello ${~ "world" }"')).toBe('(template "hello" ${"world"})');
    expect(await parseExpr('"%{ if true ~} hello %{~ endif }"')).toBe('(template %{if true "hello" else })');
  });

  test("heredocs keep their text; <<- removes the common indentation", async () => {
    expect(await parseExpr("<<EOT\n  a\n    b\nEOT")).toBe('(template "  a\\n    b\\n")');
    expect(await parseExpr("<<-EOT\n    a\n      b ${x}\n  EOT")).toBe('(template "a\\n  b " ${x} "\\n")');
  });

  test("a heredoc is not a comment even with # or //", async () => {
    expect(await parseExpr("<<EOT\n# x // y\nEOT")).toBe('(template "# x // y\\n")');
  });
});

describe("JSON syntax", () => {
  const src = `{
  "//": "trailguard:ignore TG012 -- sandbox",
  "variable": { "env": { "type": "string", "default": "prod" } },
  "resource": {
    "aws_cloudtrail": {
      "main": {
        "name": "trail-\${var.env}",
        "count": 1,
        "event_selector": [{ "read_write_type": "All" }]
      }
    }
  },
  "locals": { "x": "\${upper(var.env)}" }
}
`;

  test("blocks and labels from the nesting, with positions", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("main.tf.json", src);
    expect(f.errors).toEqual([]);
    expect(f.syntax).toBe("json");
    expect(f.body.blocks.map((b) => [b.type, b.labels])).toEqual([
      ["variable", ["env"]],
      ["resource", ["aws_cloudtrail", "main"]],
      ["locals", []],
    ]);
    const res = f.body.blocks[1]!;
    expect(res.headerRange).toEqual(r(6, 7, 6, 16));
    expect(res.range).toEqual(r(6, 7, 10, 8));
    const name = res.body.attributes[0]!;
    expect(name.nameRange).toEqual(r(7, 9, 7, 15));
    expect(name.range).toEqual(r(7, 9, 7, 35));
    expect(sexpr(name.expr)).toBe('(template "trail-" ${var.env})');
    expect(name.expr.kind === "template" && name.expr.parts[1]!.range).toEqual(r(7, 24, 7, 34));
    expect(f.comments).toEqual([{ text: "trailguard:ignore TG012 -- sandbox", style: "json", range: r(2, 3, 2, 45) }]);
  });

  test("variable type is an expression and default a literal", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("v.tf.json", '{"variable": {"l": {"type": "list(string)", "default": ["${x}"]}}}');
    const attrs = f.body.blocks[0]!.body.attributes;
    expect(sexpr(attrs[0]!.expr)).toBe("(list string)");
    expect(sexpr(attrs[1]!.expr)).toBe('["${x}"]');
  });

  test("tfvars.json values are literal data", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("terraform.tfvars.json", '{"a": "${b}", "n": 1}');
    expect(f.body.attributes.map((a) => sexpr(a.expr))).toEqual(['"${b}"', "1"]);
  });

  test("invalid JSON gives a line-numbered error", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("bad.tf.json", '{\n  "resource": {,}\n}');
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]!.message).toMatch(/^Syntax error on line 2: /);
  });
});

describe("limits", () => {
  test("10,000 nested parentheses give a diagnostic, not a crash", async () => {
    const hcl = await hclParser;
    const n = 10_000;
    const f = hcl.parseFile("deep.tf", `a = ${"(".repeat(n)}1${")".repeat(n)}\nb = 2\n`);
    expect(f.errors[0]!.message).toMatch(/nested more than/);
    expect(f.body.attributes.map((a) => a.name)).toEqual(["a", "b"]);
  });

  test("deeply nested JSON gives a diagnostic", async () => {
    const hcl = await hclParser;
    const f = hcl.parseFile("deep.tf.json", `{"locals": {"a": ${"[".repeat(5000)}${"]".repeat(5000)}}}`);
    expect(f.errors[0]!.message).toMatch(/nesting deeper/);
  });

  test("a 1 MB file parses", async () => {
    const hcl = await hclParser;
    let src = "";
    for (let i = 0; src.length < 1_000_000; i++) {
      src += `resource "aws_s3_bucket" "b${i}" {\n  bucket = "logs-${i}" # note\n  tags   = { Name = "x-\${var.env}", N = ${i} }\n}\n\n`;
    }
    const f = hcl.parseFile("big.tf", src);
    expect(f.errors).toEqual([]);
    expect(f.body.blocks.length).toBe(src.split("resource ").length - 1);
    const last = f.body.blocks[f.body.blocks.length - 1]!;
    expect(last.range.endLine).toBe(src.split("\n").length - 2);
  });
});
