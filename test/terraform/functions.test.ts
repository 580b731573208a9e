import { describe, expect, test } from "vitest";
import { symbol, UnknownValue, type Value } from "../../src/model/value.ts";
import { PartialJson } from "../../src/adapters/terraform/values.ts";
import { evalWith, hclParser, type Scope } from "./support.ts";

const unset = new UnknownValue("unset-variable", "var.u");
const vars = { u: unset, name: "logs", list: ["b", "a", "b"], map: { b: 2, a: 1 }, partial: ["x", unset], sym: `arn:aws:s3:::${symbol("aws_s3_bucket.b.bucket")}` };

async function ev(src: string, scope: Scope = { vars }): Promise<{ value: Value; messages: string[] }> {
  const r = evalWith(await hclParser, src, scope);
  return { value: r.value, messages: r.diagnostics.map((d) => d.message) };
}

describe("functions", () => {
  test.each<[string, Value]>([
    // strings
    ['format("%s-%03d-%.2f-%t-%v-%q", "a", 7, 3.14159, true, 5, "q")', 'a-007-3.14-true-5-"q"'],
    ['format("%[2]s %[1]s", "world", "hello")', "hello world"],
    ['format("%x %X %o %b %5s|%-5s|", 255, 255, 8, 5, "ab", "cd")', "ff FF 10 101    ab|cd   |"],
    ['format("100%%")', "100%"],
    ['formatlist("%s=%s", ["a", "b"], "x")', ["a=x", "b=x"]],
    ['join(", ", ["a", "b"], ["c"])', "a, b, c"],
    ['split(",", "a,b,,c")', ["a", "b", "", "c"]],
    ['lower("AbC")', "abc"],
    ['upper("abc")', "ABC"],
    ['title("hello world-wide")', "Hello World-Wide"],
    ['replace("a-b-c", "-", "_")', "a_b_c"],
    ['replace("hello world", "/o(\\\\w)/", "0$1")', "hello w0rld"],
    ['replace("2024-05", "/(?P<y>\\\\d+)-(?P<m>\\\\d+)/", "$m/$y")', "05/2024"],
    ['trimsuffix("file.tf", ".tf")', "file"],
    ['trimprefix("arn:aws:s3:::b", "arn:aws:s3:::")', "b"],
    ['trimspace("  a b \\n")', "a b"],
    ['trim("?!hello?!", "!?")', "hello"],
    ['chomp("a\\n\\n")', "a"],
    ['substr("hello", 1, 3)', "ell"],
    ['substr("hello", -3, -1)', "llo"],
    ['substr("héllo👩‍👩‍👧", 4, 2)', "o👩‍👩‍👧"],
    ['startswith("arn:aws:s3", "arn:")', true],
    ['endswith("x.tf", ".json")', false],
    ['strcontains("hello", "ell")', true],
    ['strrev("abc")', "cba"],
    ['indent(2, "a\\nb")', "a\n  b"],
    ['regex("[a-z]+", "123abc456")', "abc"],
    ['regex("(\\\\d+)-(\\\\d+)", "10-20")', ["10", "20"]],
    ['regexall("\\\\d", "a1b2")', ["1", "2"]],
    ['tostring(5)', "5"],
    // collections
    ["length([1, 2, 3])", 3],
    ['length("héllo")', 5],
    ["length({a = 1})", 1],
    ['concat(["a"], ["b", "c"])', ["a", "b", "c"]],
    ['compact(["a", "", null, "b"])', ["a", "b"]],
    ["distinct([1, 2, 1])", [1, 2]],
    ["flatten([[1, [2]], 3])", [1, 2, 3]],
    ["merge({a = 1, b = 2}, {b = 3}, null)", { a: 1, b: 3 }],
    ['lookup({a = 1}, "a", 0)', 1],
    ['lookup({a = 1}, "b", 0)', 0],
    ['element(["a", "b"], 3)', "b"],
    ['index(["a", "b"], "b")', 1],
    ["keys(var.map)", ["a", "b"]],
    ["values(var.map)", [1, 2]],
    ['contains(["a", "b"], "b")', true],
    ['contains(["a"], "c")', false],
    ["tolist(toset(var.list))", ["a", "b"]],
    ["toset([1, 2, 1])", [1, 2]],
    ['toset(["a", 1])', ["1", "a"]],
    ["tomap({a = 1})", { a: 1 }],
    ['tonumber("5")', 5],
    ['tobool("false")', false],
    ["min(3, 1, 2)", 1],
    ["max(3, 1, 2)", 3],
    ["abs(-2)", 2],
    ["ceil(1.2)", 2],
    ["floor(1.8)", 1],
    ["range(3)", [0, 1, 2]],
    ["range(1, 7, 2)", [1, 3, 5]],
    ["range(3, 0)", [3, 2, 1]],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['slice(["a", "b", "c"], 1, 3)', ["b", "c"]],
    ["reverse([1, 2])", [2, 1]],
    ['sort(["b", "a", "c"])', ["a", "b", "c"]],
    ["sort([10, 9])", ["10", "9"]],
    ['one(["x"])', "x"],
    ["one([])", null],
    ["sum([1, 2, 3.5])", 6.5],
    ['coalesce("", null, "a", "b")', "a"],
    ['coalesce(1, "a")', "1"],
    ['coalescelist([], ["a"])', ["a"]],
    ['setunion(["a"], ["b", "a"])', ["a", "b"]],
    ['setintersection(["a", "b"], ["b", "c"])', ["b"]],
    ['setsubtract(["a", "b"], ["a"])', ["b"]],
    ["alltrue([true, true])", true],
    ["anytrue([false])", false],
    ['parseint("ff", 16)', 255],
    // encoding
    ['jsonencode({b = [1, "x<y"], a = null, c = true})', '{"a":null,"b":[1,"x\\u003cy"],"c":true}'],
    ['jsondecode("{\\"a\\": [1, 2]}")', { a: [1, 2] }],
    ['yamldecode("a: [1, x]")', { a: [1, "x"] }],
    ['base64encode("hello")', "aGVsbG8="],
    ['base64decode("aGVsbG8=")', "hello"],
    ['sha256("abc")', "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ['md5("abc")', "900150983cd24fb0d6963f7d28e17f72"],
    ['sha1("abc")', "a9993e364706816aba3e25717850c26c9cd0d89d"],
    ['base64sha256("abc")', "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="],
    ['urlencode("a b&c")', "a+b%26c"],
    ['basename("a/b/c.json")', "c.json"],
    ['dirname("a/b/c.json")', "a/b"],
    ['sensitive("s")', "s"],
    ['can(tonumber("x"))', false],
    ["try(tonumber(\"x\"), 0)", 0],
  ])("%s", async (src, want) => {
    const r = await ev(src);
    expect(r.messages).toEqual([]);
    expect(r.value).toEqual(want);
  });

  test("file and templatefile read the files they are given", async () => {
    const files = {
      "policy.json": '{"Version": "2012-10-17"}',
      "t.tpl": "Hello ${name}!\n%{ for s in items ~}\n- ${s}\n%{ endfor ~}\n",
    };
    expect((await ev('jsondecode(file("policy.json")).Version', { files })).value).toBe("2012-10-17");
    expect((await ev('templatefile("t.tpl", {name = "you", items = ["a", "b"]})', { files })).value).toBe("Hello you!\n- a\n- b\n");
  });

  test("a file that was not provided is unknown, with a warning", async () => {
    const r = await ev('file("missing.json")', { files: {} });
    expect(r.value).toEqual(new UnknownValue("not-found", "missing.json"));
    expect(r.messages[0]).toMatch(/missing.json/);
  });

  test("templatefile reports errors with the template's line", async () => {
    const r = await ev('templatefile("t.tpl", {})', { files: { "t.tpl": "line1\n${nope}\n" } });
    expect(r.value).toBeInstanceOf(UnknownValue);
    expect(r.messages[0]).toMatch(/t.tpl on line 2/);
  });

  test("an unknown function is unknown, with a diagnostic naming it", async () => {
    const r = await ev("cidrsubnet(1, 2, 3)");
    expect(r.value).toEqual(new UnknownValue("unsupported-expression", "cidrsubnet"));
    expect(r.messages).toEqual(["function cidrsubnet is not supported; its result is unknown"]);
  });

  test.each([
    ["length()", /takes 1 argument/],
    ['element([], 0)', /empty list/],
    ['index(["a"], "z")', /not found/],
    ['jsondecode("{")', /invalid JSON/],
    ['lookup({}, "k")', /no key/],
    ['one([1, 2])', /no more than one/],
    ['format("%d", 1.5)', /whole number/],
    ['format("%s")', /not enough arguments/],
    ['regex("x", "abc")', /did not match/],
    ['format("%.200f", 1)', /format:/],
    ['indent(-1, "a")', /indent:/],
  ])("%s is an error", async (src, pattern) => {
    const r = await ev(src);
    expect(r.value).toBeInstanceOf(UnknownValue);
    expect(r.messages[0]).toMatch(pattern);
  });
});

describe("unknown arguments", () => {
  test.each<[string, Value]>([
    ['upper(var.u)', unset],
    ['join(",", var.partial)', unset],
    ['format("%s", var.u)', unset],
    ["length(var.partial)", 2],
    ['concat(var.partial, ["y"])', ["x", unset, "y"]],
    ["merge({a = var.u}, {b = 1})", { a: unset, b: 1 }],
    ['lookup({a = var.u}, "a")', unset],
    ['element(var.partial, 0)', "x"],
    ['contains(var.partial, "x")', true],
    ['contains(var.partial, "z")', unset],
    ['coalesce(var.u, "a")', unset],
    ['coalesce("a", var.u)', "a"],
    ["keys({a = var.u})", ["a"]],
    ['try(var.u, "fallback")', unset],
    ["can(var.u.x)", unset],
    ['try(var.map.missing, "fallback")', "fallback"],
  ])("%s", async (src, want) => {
    expect((await ev(src)).value).toEqual(want);
  });

  test("jsonencode of a partly unknown value is unknown but keeps the document", async () => {
    const r = (await ev('jsonencode({Statement = [{Resource = var.u, Effect = "Allow"}]})')).value;
    expect(r).toBeInstanceOf(PartialJson);
    expect((r as PartialJson).reason).toBe("unset-variable");
    expect((r as PartialJson).document).toEqual({ Statement: [{ Resource: unset, Effect: "Allow" }] });
    expect((await ev('jsondecode(jsonencode({a = var.u, b = 1})).b')).value).toBe(1);
    expect((await ev('"${jsonencode({a = var.u})}"')).value).toBeInstanceOf(PartialJson);
    expect((await ev('upper(jsonencode({a = var.u}))')).value).toEqual(unset);
  });
});

describe("symbolic tokens", () => {
  const bucket = symbol("aws_s3_bucket.b.bucket");
  test("concatenation and splitting keep a token whole", async () => {
    expect((await ev('"${var.sym}/AWSLogs/*"')).value).toBe(`arn:aws:s3:::${bucket}/AWSLogs/*`);
    expect((await ev('split(":", var.sym)')).value).toEqual(["arn", "aws", "s3", "", "", bucket]);
    expect((await ev('trimprefix(var.sym, "arn:aws:s3:::")')).value).toBe(bucket);
    expect((await ev('startswith(var.sym, "arn:aws:s3")')).value).toBe(true);
    expect((await ev('startswith(var.sym, "arn:aws:sns")')).value).toBe(false);
    expect((await ev('lower(var.sym)')).value).toBe(`arn:aws:s3:::${bucket}`);
  });
  test("reading the unknown text of a token is unknown", async () => {
    for (const src of ["length(var.sym)", "upper(var.sym)", 'regex("x", var.sym)', "sha256(var.sym)", 'endswith(var.sym, "x")']) {
      expect((await ev(src)).value).toBeInstanceOf(UnknownValue);
    }
  });
  test("equality with a token is unknown unless the known text differs", async () => {
    expect((await ev('var.sym == "arn:aws:s3:::logs"')).value).toBeInstanceOf(UnknownValue);
    expect((await ev('var.sym == "arn:aws:sns:x"')).value).toBe(false);
    expect((await ev("var.sym == var.sym")).value).toBe(true);
  });
});
