import { describe, expect, it } from "vitest";
import { symbol } from "../../src/model/value.ts";
import { covers, isMatchAll, overlaps, parseGlob } from "../../src/semantics/policy/glob.ts";
import type { Atom } from "../../src/semantics/policy/glob.ts";
import { cidrContains, parseCidr } from "../../src/semantics/policy/ip.ts";

const pat = (s: string): Atom[] => parseGlob(s, { wild: true, variables: true })!;
const lit = (s: string): Atom[] => parseGlob(s, { wild: false })!;

describe("parseGlob", () => {
  it("reads wildcards only in patterns", () => {
    expect(pat("a*?")).toEqual([{ t: "char", c: "a" }, { t: "star" }, { t: "one" }]);
    expect(lit("a*?")).toEqual([
      { t: "char", c: "a" },
      { t: "char", c: "*" },
      { t: "char", c: "?" },
    ]);
  });

  it("keeps a symbolic token as one atom and never folds its name", () => {
    expect(parseGlob(`X${symbol("Log")}`, { wild: true, fold: true })).toEqual([
      { t: "char", c: "x" },
      { t: "token", name: "Log" },
    ]);
  });

  it("treats an unclosed token opener as a plain character", () => {
    expect(lit("\uE000ab")).toHaveLength(3);
  });

  it("returns null for a policy variable, and resolves the escapes", () => {
    expect(parseGlob("home/${aws:username}/*", { wild: true, variables: true })).toBeNull();
    expect(pat("a${*}b")).toEqual([
      { t: "char", c: "a" },
      { t: "char", c: "*" },
      { t: "char", c: "b" },
    ]);
    expect(pat("${?}${$}")).toEqual([
      { t: "char", c: "?" },
      { t: "char", c: "$" },
    ]);
    // outside Resource and Condition a `${` is just text
    expect(parseGlob("${x}", { wild: true })).toHaveLength(4);
  });
});

describe("covers: pattern against a concrete name", () => {
  const cases: [string, string, boolean][] = [
    ["*", "anything", true],
    ["*", "", true],
    ["s3:*", "s3:DeleteObject", true],
    ["s3:Delete*", "s3:DeleteObject", true],
    ["s3:Delete*", "s3:PutObject", false],
    ["s3:?etObject", "s3:GetObject", true],
    ["s3:?etObject", "s3:etObject", false],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/AWSLogs/1/x", true],
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b", false],
    ["arn:aws:s3:::b", "arn:aws:s3:::b2", false],
    ["a*b*c", "aXXbYYc", true],
    ["a*b*c", "aXXcYYb", false],
    ["", "", true],
    ["", "a", false],
  ];
  it.each(cases)("%s covers %s: %s", (p, v, want) => {
    expect(covers(pat(p), lit(v))).toBe(want);
  });

  it("matches a token only with the same token, or under *", () => {
    const log = symbol("LogBucket");
    const other = symbol("Other");
    expect(covers(pat(`arn:aws:s3:::${log}/*`), lit(`arn:aws:s3:::${log}/AWSLogs/1`))).toBe(true);
    expect(covers(pat(`arn:aws:s3:::${other}/*`), lit(`arn:aws:s3:::${log}/AWSLogs/1`))).toBe(false);
    expect(covers(pat("arn:aws:s3:::*/AWSLogs/1"), lit(`arn:aws:s3:::${log}/AWSLogs/1`))).toBe(true);
    expect(covers(pat("arn:aws:s3:::my-bucket/*"), lit(`arn:aws:s3:::${log}/x`))).toBe(false);
    expect(covers(pat(`arn:aws:s3:::${log}/*`), lit("arn:aws:s3:::LogBucket/x"))).toBe(false);
    // `?` stands for one character; a token's text has unknown length
    expect(covers(pat("a?"), lit(`a${log}`))).toBe(false);
  });
});

describe("covers: pattern against a pattern (inclusion)", () => {
  const cases: [string, string, boolean][] = [
    ["arn:aws:s3:::b/*", "arn:aws:s3:::b/AWSLogs/123/*", true],
    ["arn:aws:s3:::b/AWSLogs/*", "arn:aws:s3:::b/AWSLogs/123/*", true],
    ["arn:aws:s3:::b/AWSLogs/123/*", "arn:aws:s3:::b/AWSLogs/123/*", true],
    ["arn:aws:s3:::b/AWSLogs/123/*", "arn:aws:s3:::b/*", false],
    ["arn:aws:s3:::b/AWSLogs/123/CloudTrail/*", "arn:aws:s3:::b/AWSLogs/123/*", false],
    ["arn:aws:s3:::b/*/123/*", "arn:aws:s3:::b/AWSLogs/123/*", true],
    ["*", "a*b", true],
    ["a*", "a?", true],
    ["a?", "a*", false],
    ["a?", "a?", true],
  ];
  it.each(cases)("%s covers %s: %s", (p, q, want) => {
    expect(covers(pat(p), pat(q))).toBe(want);
  });
});

describe("overlaps", () => {
  const cases: [string, string, boolean][] = [
    ["arn:aws:s3:::b/AWSLogs/123/CloudTrail/*", "arn:aws:s3:::b/AWSLogs/123/*", true],
    ["arn:aws:s3:::b/other/*", "arn:aws:s3:::b/AWSLogs/123/*", false],
    ["*.txt", "logs/*", true],
    ["a?c", "*b*", true],
    ["a?c", "*dd*", false],
    ["a?c", "*d*", true],
    ["abc", "abc", true],
    ["abc", "abd", false],
    ["*", "", true],
    ["?", "", false],
  ];
  it.each(cases)("%s and %s overlap: %s", (p, q, want) => {
    expect(overlaps(pat(p), pat(q))).toBe(want);
    expect(overlaps(pat(q), pat(p))).toBe(want);
  });

  it("lets * meet a token but not ?", () => {
    expect(overlaps(pat("b/*"), lit(`b/${symbol("K")}`))).toBe(true);
    expect(overlaps(pat("b/?"), lit(`b/${symbol("K")}`))).toBe(false);
    expect(overlaps(lit(symbol("A")), lit(symbol("B")))).toBe(false);
  });
});

describe("isMatchAll", () => {
  it.each([
    ["*", true],
    ["**", true],
    ["", false],
    ["*a", false],
    ["?", false],
  ])("%s: %s", (p, want) => {
    expect(isMatchAll(pat(p))).toBe(want);
  });
});

describe("CIDR", () => {
  const cases: [string, string, boolean][] = [
    ["10.0.0.0/8", "10.1.2.3", true],
    ["10.0.0.0/8", "11.0.0.1", false],
    ["0.0.0.0/0", "203.0.113.9", true],
    ["203.0.113.9", "203.0.113.9", true],
    ["203.0.113.9/32", "203.0.113.8", false],
    ["10.0.0.0/8", "10.2.0.0/16", true],
    ["10.2.0.0/16", "10.0.0.0/8", false],
    ["2001:db8::/32", "2001:db8:1::5", true],
    ["2001:db8::/32", "2001:db9::5", false],
    ["::/0", "fe80::1", true],
    ["::/0", "10.0.0.1", false],
    ["10.0.0.0/8", "2001:db8::1", false],
    ["10.0.0.0/33", "10.0.0.1", false],
    ["300.0.0.0/8", "10.0.0.1", false],
    ["not-an-ip", "10.0.0.1", false],
  ];
  it.each(cases)("%s contains %s: %s", (block, ip, want) => {
    expect(cidrContains(block, ip)).toBe(want);
  });

  it("parses prefixes and rejects malformed text", () => {
    expect(parseCidr("0.0.0.0/0")?.prefix).toBe(0);
    expect(parseCidr("::/0")).toEqual({ bits: 128, value: 0n, prefix: 0 });
    expect(parseCidr("1::2::3")).toBeNull();
    expect(parseCidr("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(parseCidr("1.2.3.4/8/9")).toBeNull();
    expect(parseCidr("1.2.3.4/x")).toBeNull();
    expect(parseCidr("1:2:3:4:5:6:7:8")?.bits).toBe(128);
  });
});
