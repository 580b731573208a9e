/**
 * Cases written from the HCL native syntax specification (hclsyntax/spec.md), the syntax-agnostic
 * specification (spec.md) and the HCL spec suite (specsuite/tests), each titled with its section.
 * The expected values are the specification's; nothing here reads those files at run time.
 */
import { describe, expect, test } from "vitest";
import { UnknownValue, type Value } from "../../src/model/value.ts";
import { evalWith, hclParser, type Scope } from "./support.ts";

async function value(src: string, scope: Scope = {}): Promise<Value> {
  const r = evalWith(await hclParser, src, scope);
  expect(r.diagnostics).toEqual([]);
  return r.value;
}

async function fails(src: string, scope: Scope = {}): Promise<string> {
  const r = evalWith(await hclParser, src, scope);
  expect(r.value).toBeInstanceOf(UnknownValue);
  expect((r.value as UnknownValue).reason).toBe("invalid");
  expect(r.diagnostics.length).toBeGreaterThan(0);
  return r.diagnostics[0]!.message;
}

const unknown = new UnknownValue("unset-variable", "u");

describe("Operations: precedence levels and associativity", () => {
  test.each([
    ["2 + 3 * 4", 14],
    ["(2 + 3) * 4", 20],
    ["10 - 4 - 3", 3],
    ["8 / 4 * 2", 4],
    ["7 % 4 * 2", 6],
    ["1 + 2 > 2", true],
    ["1 < 2 == 2 < 3", true],
    ["true || false && false", true],
    ["(true || false) && false", false],
    ["false && true || true", true],
    ["!false == true", true],
    ["-2 * -3", 6],
    ["- 1 + 2", 1],
    ["1 + 2 == 3 && 4 > 3 || false", true],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });
});

describe("Comparison Operators", () => {
  test.each([
    ['"a" == "a"', true],
    ['"a" == "b"', false],
    ['"1" == 1', false],
    ['"true" == true', false],
    ['"1" != 1', true],
    ["1 < 2", true],
    ["2 <= 1", false],
    ["1 >= 1", true],
    ["null == null", true],
    ["[1, 2] == [1, 2]", true],
    ['{a = 1} == {a = 1}', true],
    ['{a = 1} == {a = 2}', false],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });

  test("an unknown operand gives an unknown bool", async () => {
    expect(await value("u == 1", { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
    expect(await value("u < 1", { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
  });
});

describe("Arithmetic Operators", () => {
  test.each([
    ["2 + 3.5", 5.5],
    ["3.5 - 2", 1.5],
    ["2 - 3.5", -1.5],
    ["2 * 4.5", 9],
    ["1 / 10", 0.1],
    ["11 % 5", 1],
    ['"3" + 4', 7],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });

  test("11 % 5.1 is 0.8 (arbitrary precision in HCL; rounded here)", async () => {
    expect(await value("11 % 5.1")).toBeCloseTo(0.8, 12);
  });

  test("a string that is not a number is an error", async () => {
    expect(await fails('"a" + 1')).toMatch(/number/);
  });

  test("an unknown operand gives an unknown number", async () => {
    expect(await value("u + 1", { names: { u: unknown } })).toEqual(new UnknownValue("unset-variable", "u"));
  });
});

describe("Logic Operators", () => {
  test.each([
    ["true && true", true],
    ["false && true", false],
    ["true && false", false],
    ["false || false", false],
    ["true || false", true],
    ["!true", false],
    ["!false", true],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });

  test("an unknown operand gives an unknown bool unless the other decides", async () => {
    const names = { u: unknown };
    expect(await value("u && true", { names })).toBeInstanceOf(UnknownValue);
    expect(await value("u || false", { names })).toBeInstanceOf(UnknownValue);
    expect(await value("false && u", { names })).toBe(false);
    expect(await value("u && false", { names })).toBe(false);
    expect(await value("true || u", { names })).toBe(true);
  });
});

describe("Conditional Operator", () => {
  test("selects a branch", async () => {
    expect(await value('true ? "a" : "b"')).toBe("a");
    expect(await value('false ? "a" : "b"')).toBe("b");
  });

  test("the two results unify to one type: number and bool become string", async () => {
    expect(await value('true ? 1 : "x"')).toBe("1");
    expect(await value('false ? "x" : true')).toBe("true");
    expect(await value("true ? 1 : null")).toBe(1);
  });

  test("an error in the branch not taken is not reported", async () => {
    expect(await value('length(l) > 0 ? l[0] : "default"', { names: { l: [] } })).toBe("default");
  });

  test("an unknown predicate gives an unknown result", async () => {
    expect(await value('u ? "a" : "b"', { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
  });
});

describe("Template Literals: escapes", () => {
  test.each([
    ['"$${foo}"', "${foo}"],
    ['"%%{foo}"', "%{foo}"],
    ['"$$"', "$$"],
    ['"100%"', "100%"],
    ['"a\\nb"', "a\nb"],
    ['"\\u00e9"', "é"],
    ['"\\U0001F600"', "😀"],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });

  test("heredoc text has no backslash escapes but keeps $${ escapes", async () => {
    expect(await value("<<EOT\na\\nb $${x}\nEOT")).toBe("a\\nb ${x}\n");
  });
});

describe("Template Literals: strip markers", () => {
  test.each([
    ['"hello ${~ "world" }"', "helloworld"],
    ['"%{ if true ~} hello %{~ endif }"', "hello"],
    ['"${"hello" ~}${" world"}"', "hello world"],
    ['"a ${~ "b" ~} c"', "abc"],
    ['"%{ for x in ["a", "b"] ~} ${x} %{~ endfor }"', "ab"],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });
});

describe("Template Interpolation Unwrapping", () => {
  test.each([
    ['"${true}"', true],
    ['"${"${true}"}"', true],
    ['"hello ${true}"', "hello true"],
    ['"${""}${true}"', "true"],
    ['"%{ for v in [true] }${v}%{ endfor }"', "true"],
    ['"${[1, 2]}"', [1, 2]],
  ])("%s", async (src, want) => {
    expect(await value(src)).toEqual(want);
  });

  test("a template cannot include a list", async () => {
    expect(await fails('"x ${[1]}"')).toMatch(/list/);
  });

  test("an unknown part makes the template unknown", async () => {
    expect(await value('"a-${u}"', { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
  });
});

describe("Template If and For Directives", () => {
  test.each([
    ['"%{ if 1 < 2 }yes%{ else }no%{ endif }"', "yes"],
    ['"%{ if false }yes%{ endif }"', ""],
    ['"%{ for i, v in ["a", "b"] }${i}=${v};%{ endfor }"', "0=a;1=b;"],
    ['"%{ for k, v in {b = 2, a = 1} }${k}${v}%{ endfor }"', "a1b2"],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });
});

describe("Template Expressions: heredocs (spec suite heredoc cases)", () => {
  const names = { bar: "Bar", space_bar: "  Bar" };
  test.each([
    ["normal basic", "<<EOT\nFoo\nBar\nBaz\nEOT", "Foo\nBar\nBaz\n"],
    ["normal indented", "<<EOT\n    Foo\n    Bar\n    Baz\n  EOT", "    Foo\n    Bar\n    Baz\n"],
    ["normal interp", "<<EOT\n    Foo\n    ${bar}\n    Baz\n  EOT", "    Foo\n    Bar\n    Baz\n"],
    ["normal marker at suffix", "<<EOT\n    NOT EOT\n  EOT", "    NOT EOT\n"],
    ["normal newlines between", "<<EOT\nFoo\n\nBar\n\nBaz\nEOT", "Foo\n\nBar\n\nBaz\n"],
    ["flush basic", "<<-EOT\nFoo\nBar\nBaz\nEOT", "Foo\nBar\nBaz\n"],
    ["flush indented", "<<-EOT\n    Foo\n    Bar\n    Baz\n  EOT", "Foo\nBar\nBaz\n"],
    ["flush indented more", "<<-EOT\n    Foo\n      Bar\n    Baz\n  EOT", "Foo\n  Bar\nBaz\n"],
    ["flush indented less", "<<-EOT\n    Foo\n  Bar\n    Baz\n  EOT", "  Foo\nBar\n  Baz\n"],
    ["flush interp", "<<-EOT\n    Foo\n    ${bar}\n    Baz\n  EOT", "Foo\nBar\nBaz\n"],
    ["flush interp indented more", "<<-EOT\n    Foo\n      ${bar}\n    Baz\n  EOT", "Foo\n  Bar\nBaz\n"],
    ["flush interp indented less", "<<-EOT\n    Foo\n  ${space_bar}\n    Baz\n  EOT", "  Foo\n  Bar\n  Baz\n"],
    ["flush tabs", "<<-EOT\n\tFoo\n  Bar\n  Baz\n  EOT", "Foo\n Bar\n Baz\n"],
    ["flush unicode spaces", "<<-EOT\n   \u2003\u2003Foo\n    Bar\n    Baz\n  EOT", "\u2003Foo\nBar\nBaz\n"],
    ["flush newlines between", "<<-EOT\n    Foo\n\n    Bar\n\n    Baz\n  EOT", "Foo\n\nBar\n\nBaz\n"],
  ])("%s", async (_name, src, want) => {
    expect(await value(src, { names })).toBe(want);
  });
});

describe("Splat Operators", () => {
  const names = {
    tuple: [
      { foo: { bar: ["a0", "a1"] } },
      { foo: { bar: ["b0", "b1"] } },
    ],
    obj: { id: "x" },
    num: 5,
    nothing: null,
  };
  test("[*] applies every following step to each element", async () => {
    expect(await value("tuple[*].foo.bar[0]", { names })).toEqual(["a0", "b0"]);
  });
  test(".* applies only attribute steps; a following index applies to the result", async () => {
    expect(await value("tuple.*.foo.bar[0]", { names })).toEqual(["a0", "a1"]);
  });
  test("a value that is not a list is taken as a list of one", async () => {
    expect(await value("obj.*.id", { names })).toEqual(["x"]);
    expect(await value("num.*", { names })).toEqual([5]);
    expect(await value("obj[*].id", { names })).toEqual(["x"]);
  });
  test("null gives an empty tuple", async () => {
    expect(await value("nothing[*].id", { names })).toEqual([]);
    expect(await value("nothing.*", { names })).toEqual([]);
  });
  test("an unknown source gives an unknown result", async () => {
    expect(await value("u[*].id", { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
  });
});

describe("For Expressions", () => {
  test.each([
    ['[for v in ["a", "b"]: v]', ["a", "b"]],
    ['[for i, v in ["a", "b"]: i]', [0, 1]],
    ['{for i, v in ["a", "b"]: v => i}', { a: 0, b: 1 }],
    ['{for i, v in ["a", "a", "b"]: v => i...}', { a: [0, 1], b: [2] }],
    ['[for i, v in ["a", "b", "c"]: v if i < 2]', ["a", "b"]],
    ["[for k, v in {b = 2, a = 1}: k]", ["a", "b"]],
    ['[for v in toset(["b", "a", "b"]): v]', ["a", "b"]],
    ['[for k, v in toset(["x"]): k]', ["x"]],
  ])("%s", async (src, want) => {
    expect(await value(src)).toEqual(want);
  });

  test("a duplicate key without grouping is an error", async () => {
    expect(await fails('{for i, v in ["a", "a", "b"]: v => i}')).toMatch(/duplicate key "a"/);
  });

  test("an unknown collection gives an unknown result", async () => {
    expect(await value("[for v in u: v]", { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
  });
});

describe("Index Operator", () => {
  test.each([
    ['["a", "b"][1]', "b"],
    ['["a", "b"]["1"]', "b"],
    ['{a = 1}["a"]', 1],
    ['{"1" = "x"}[1]', "x"],
  ])("%s", async (src, want) => {
    expect(await value(src)).toEqual(want);
  });

  test("legacy index syntax", async () => {
    expect(await value("l.1", { names: { l: ["a", "b"] } })).toBe("b");
  });

  test("out of range and missing keys are errors", async () => {
    expect(await fails('["a"][1]')).toMatch(/out of range/);
    expect(await fails('{a = 1}["b"]')).toMatch(/no element/);
  });
});

describe("Attribute Access Operator", () => {
  test("a missing attribute is an error", async () => {
    expect(await fails("{a = 1}.b")).toMatch(/no attribute named "b"/);
  });
  test("attribute access on an unknown is unknown", async () => {
    expect(await value("u.a.b", { names: { u: unknown } })).toBeInstanceOf(UnknownValue);
  });
});

describe("Collection Values", () => {
  test("an identifier key is a literal name; parentheses make it an expression", async () => {
    expect(await value("{foo = 1, (foo) = 2}", { names: { foo: "baz" } })).toEqual({ foo: 1, baz: 2 });
  });
  test("keys may be numbers and bools, taken as strings", async () => {
    expect(await value("{(1) = 1, (true) = 2}")).toEqual({ "1": 1, true: 2 });
  });
});

describe("Functions and Function Calls: ... expansion", () => {
  test("the final list fills the remaining parameters", async () => {
    expect(await value('max(l...)', { names: { l: [1, 7, 3] } })).toBe(7);
    expect(await value('concat(["a"], l...)', { names: { l: [["b"], ["c"]] } })).toEqual(["a", "b", "c"]);
  });
});

describe("Primitive Type Conversions", () => {
  test.each([
    ["tostring(true)", "true"],
    ["tostring(1.5)", "1.5"],
    ["tostring(1000000)", "1000000"],
    ["tostring(1.0e21)", "1000000000000000000000"],
    ["tostring(1.0e-7)", "0.0000001"],
    ['tonumber("12.5")', 12.5],
    ['tobool("true")', true],
    ['tobool("0")', false],
    ['tobool("1")', true],
    ["tostring(null)", null],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });

  test("strings other than true, false, 1 and 0 are not bools", async () => {
    expect(await fails('tobool("yes")')).toMatch(/bool/);
  });
  test("no conversion between bool and number", async () => {
    expect(await fails("true + 1")).toMatch(/bool cannot be used as a number/);
  });
});

describe("Literal Values and Numeric Literals (spec suite primitive_literals)", () => {
  test.each([
    ["5", 5],
    ["3.2", 3.2],
    ["3.14159265358979323846264338327950288419716939937510582097494459", 3.141592653589793],
    ['"hello"', "hello"],
    ['"ЖЖ"', "ЖЖ"],
    ['"👩‍👩‍👧‍👦"', "👩‍👩‍👧‍👦"],
    ["true", true],
    ["null", null],
  ])("%s", async (src, want) => {
    expect(await value(src)).toBe(want);
  });

  test("string literals are normalized to NFC", async () => {
    expect(await value('"an\u0303o"')).toBe("a\u00f1o");
  });
});

describe("Comments and Whitespace (spec suite comments)", () => {
  test.each([["# Hash comment\n"], ["/*\n  Multi-line comment\n*/\n"], ["// Slash comment\n"]])("%j parses", async (src) => {
    const f = (await hclParser).parseFile("c.tf", src);
    expect(f.errors).toEqual([]);
    expect(f.comments).toHaveLength(1);
  });
});

describe("Structural Elements", () => {
  test("a single-line block (spec suite single_oneline)", async () => {
    const f = (await hclParser).parseFile("s.tf", 'a { b = "foo" }\n');
    expect(f.errors).toEqual([]);
    expect(f.body.blocks[0]!.body.attributes[0]!.name).toBe("b");
  });
  test("comma-separated attributes on one line are an error (spec suite singleline_bad)", async () => {
    const f = (await hclParser).parseFile("s.tf", 'a = "a value", b = "b value"\n');
    expect(f.errors.length).toBeGreaterThan(0);
    expect(f.errors[0]!.range.startLine).toBe(1);
  });
});
