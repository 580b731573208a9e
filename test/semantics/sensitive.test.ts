import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Value } from "../../src/model/value.ts";
import { UnknownValue, symbol } from "../../src/model/value.ts";
import type { BucketFacts, SensitiveBucketsConfig, Tri } from "../../src/semantics/sensitive.ts";
import { DEFAULT_SENSITIVE_TAGS, isSensitiveBucket, matchNameGlob } from "../../src/semantics/sensitive.ts";

const U = new UnknownValue("unset-variable");
const DEFAULTS: SensitiveBucketsConfig = { tags: null, names: [] };
const tok = symbol("DataBucket");

const bucket = (name: string | UnknownValue, tags: Record<string, Value> | UnknownValue = {}): BucketFacts => ({ name, tags });

describe("isSensitiveBucket, tags", () => {
  it.each<[string, BucketFacts, SensitiveBucketsConfig, Tri]>([
    ["DataClassification = pii", bucket("b", { DataClassification: "pii" }), DEFAULTS, "yes"],
    ["data-classification = Confidential (any letter case)", bucket("b", { "data-classification": "Confidential" }), DEFAULTS, "yes"],
    ["Classification = RESTRICTED", bucket("b", { Classification: "RESTRICTED" }), DEFAULTS, "yes"],
    ["Classification = phi", bucket("b", { Classification: "phi" }), DEFAULTS, "yes"],
    ["DataClassification = PCI", bucket("b", { DataClassification: "PCI" }), DEFAULTS, "yes"],
    ["DataClassification = sensitive", bucket("b", { DataClassification: "sensitive" }), DEFAULTS, "yes"],
    ["DataClassification = public", bucket("b", { DataClassification: "public" }), DEFAULTS, "no"],
    ["keys match exactly: dataclassification", bucket("b", { dataclassification: "pii" }), DEFAULTS, "no"],
    ["keys match exactly: Data-Classification", bucket("b", { "Data-Classification": "pii" }), DEFAULTS, "no"],
    ["another key with a sensitive value", bucket("b", { Environment: "pii" }), DEFAULTS, "no"],
    ["no tags", bucket("b"), DEFAULTS, "no"],
    ["tag value unknown", bucket("b", { DataClassification: U }), DEFAULTS, "unknown"],
    ["tag map unknown", bucket("b", U), DEFAULTS, "unknown"],
    ["unknown value of another key", bucket("b", { Owner: U }), DEFAULTS, "no"],
    ["one tag unknown, another sensitive", bucket("b", { DataClassification: U, Classification: "pii" }), DEFAULTS, "yes"],
    ["a symbolic token is not a classification word", bucket("b", { DataClassification: symbol("Param") }), DEFAULTS, "no"],
    ["a value padded with spaces is another value", bucket("b", { DataClassification: " pii" }), DEFAULTS, "no"],
    ["a list is not a tag value", bucket("b", { DataClassification: ["pii"] }), DEFAULTS, "no"],
    ["null tag value", bucket("b", { DataClassification: null }), DEFAULTS, "no"],
    [
      "configured tags replace the defaults (match)",
      bucket("b", { Sensitivity: "HIGH" }),
      { tags: { Sensitivity: ["high", "critical"] }, names: [] },
      "yes",
    ],
    [
      "configured tags replace the defaults (a default tag no longer counts)",
      bucket("b", { DataClassification: "pii" }),
      { tags: { Sensitivity: ["high"] }, names: [] },
      "no",
    ],
    ["configured values compare in any letter case", bucket("b", { Sensitivity: "high" }), { tags: { Sensitivity: ["HIGH"] }, names: [] }, "yes"],
    ["an empty tag configuration turns tags off", bucket("b", { DataClassification: "pii" }), { tags: {}, names: [] }, "no"],
  ])("%s → %s", (_name, facts, config, expected) => {
    expect(isSensitiveBucket(facts, config)).toBe(expected);
  });

  it("has the documented defaults", () => {
    const values = ["sensitive", "confidential", "restricted", "pii", "phi", "pci"];
    expect(DEFAULT_SENSITIVE_TAGS).toEqual({ DataClassification: values, "data-classification": values, Classification: values });
  });
});

describe("isSensitiveBucket, names", () => {
  const globs = (...names: string[]): SensitiveBucketsConfig => ({ tags: null, names });
  it.each<[string, BucketFacts, SensitiveBucketsConfig, Tri]>([
    ["* in the middle", bucket("acme-pii-store"), globs("*-pii-*"), "yes"],
    ["* in the middle, no match", bucket("acme-store"), globs("*-pii-*"), "no"],
    ["one of several globs", bucket("hr-records"), globs("*-pii-*", "hr-*"), "yes"],
    ["? is one character", bucket("logs-1"), globs("logs-?"), "yes"],
    ["? is not two characters", bucket("logs-12"), globs("logs-?"), "no"],
    ["? is not zero characters", bucket("logs-"), globs("logs-?"), "no"],
    ["case-sensitive", bucket("pii-data"), globs("PII-*"), "no"],
    ["dots are plain characters", bucket("axb"), globs("a.b"), "no"],
    ["the whole name must match", bucket("my-pii-bucket"), globs("pii-*"), "no"],
    ["no globs: the name plays no part", bucket("pii-bucket"), DEFAULTS, "no"],
    ["unknown name, no globs", bucket(U), DEFAULTS, "no"],
    ["unknown name with globs", bucket(U), globs("secret-*"), "unknown"],
    ["unknown name, glob * matches any name", bucket(U), globs("*"), "yes"],
    ["symbolic name, no globs", bucket(tok), DEFAULTS, "no"],
    ["symbolic name with globs", bucket(tok), globs("secret-*"), "unknown"],
    ["symbolic name, glob *", bucket(tok), globs("*"), "yes"],
    ["symbolic name with a ? glob", bucket(tok), globs("???"), "unknown"],
    ["token then known text, glob on that text", bucket(`${tok}-pii`), globs("*-pii"), "yes"],
    ["token then known text that no name can end with", bucket(`${tok}-pii`), globs("*-phi"), "no"],
    ["token then known text, glob on the unknown part", bucket(`${tok}-pii`), globs("prod-*"), "unknown"],
    ["known text then token, other prefix", bucket(`acme-${tok}`), globs("other-*"), "no"],
    ["symbolic name with a sensitive tag", bucket(tok, { DataClassification: "pii" }), DEFAULTS, "yes"],
    ["symbolic name with an unknown tag", bucket(tok, { DataClassification: U }), DEFAULTS, "unknown"],
    ["tag says no, name matches", bucket("pii-x", { DataClassification: "public" }), globs("pii-*"), "yes"],
  ])("%s → %s", (_name, facts, config, expected) => {
    expect(isSensitiveBucket(facts, config)).toBe(expected);
  });
});

// ---------------------------------------------------------------- glob properties

/** The reference: a glob as a regular expression over plain text. */
function globRegex(glob: string): RegExp {
  const body = Array.from(glob)
    .map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

const globArb = fc.array(fc.constantFrom("a", "b", "-", "*", "?"), { maxLength: 6 }).map((cs) => cs.join(""));
const textArb = fc.array(fc.constantFrom("a", "b", "-"), { maxLength: 6 }).map((cs) => cs.join(""));

describe("matchNameGlob", () => {
  it("agrees with a regular expression on known names", () => {
    fc.assert(
      fc.property(globArb, textArb, (glob, name) => {
        expect(matchNameGlob(glob, name)).toBe(globRegex(glob).test(name) ? "yes" : "no");
      }),
      { numRuns: 1000 },
    );
  });

  it("answers yes or no for a name with tokens only when every text they stand for agrees", () => {
    const HOLE = null;
    const partsArb = fc.array(fc.oneof(fc.constantFrom("a", "b", "-"), fc.constant(HOLE)), { maxLength: 5 });
    const fillsArb = fc.array(textArb, { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(globArb, partsArb, fillsArb, (glob, parts, fills) => {
        const withTokens = parts.map((p, i) => (p === HOLE ? symbol(`T${i}`) : p)).join("");
        const filled = parts.map((p, i) => (p === HOLE ? fills[i]! : p)).join("");
        const answer = matchNameGlob(glob, withTokens);
        if (answer !== "unknown") expect(answer).toBe(globRegex(glob).test(filled) ? "yes" : "no");
      }),
      { numRuns: 2000 },
    );
  });

  it("treats an unknown name as any text", () => {
    fc.assert(
      fc.property(globArb, textArb, (glob, name) => {
        const answer = matchNameGlob(glob, U);
        if (answer !== "unknown") expect(answer).toBe(globRegex(glob).test(name) ? "yes" : "no");
      }),
    );
  });
});
