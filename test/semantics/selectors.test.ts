import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  AdvancedSelector,
  BasicSelector,
  DataResource,
  EventSelectors,
  FieldSelector,
} from "../../src/model/entities.ts";
import type { Loc } from "../../src/model/location.ts";
import type { Value } from "../../src/model/value.ts";
import { UnknownValue, symbol } from "../../src/model/value.ts";
import type { Coverage, Tri } from "../../src/semantics/selectors.ts";
import { representatives } from "../../src/semantics/selectors/coverage.ts";
import {
  combineCoverage,
  excludesManagementPlainly,
  managementCoverage,
  s3DataCoverage,
  triAnd,
  triOr,
} from "../../src/semantics/selectors.ts";

// ---------------------------------------------------------------- builders

const loc: Loc = { file: "main.tf", address: "aws_cloudtrail.main", path: [] };
const U = new UnknownValue("unset-variable");

type Ops = Partial<Pick<FieldSelector, "equals" | "notEquals" | "startsWith" | "notStartsWith" | "endsWith" | "notEndsWith">>;

function basic(p: Partial<Omit<BasicSelector, "loc">> = {}): BasicSelector {
  return {
    readWriteType: null,
    includeManagementEvents: null,
    excludeManagementEventSources: null,
    dataResources: null,
    loc,
    ...p,
  };
}

function s3Objects(...values: Value[]): DataResource {
  return { type: "AWS::S3::Object", values };
}

function field(name: Value, ops: Ops): FieldSelector {
  return { field: name, equals: null, notEquals: null, startsWith: null, notStartsWith: null, endsWith: null, notEndsWith: null, ...ops };
}

function adv(name: string, ...fieldSelectors: FieldSelector[]): AdvancedSelector {
  return { name, fieldSelectors, loc };
}

const B = (...selectors: BasicSelector[]): EventSelectors => ({ kind: "basic", selectors });
const A = (...selectors: AdvancedSelector[]): EventSelectors => ({ kind: "advanced", selectors });
const NONE: EventSelectors = { kind: "none" };

const category = (v: Value): FieldSelector => field("eventCategory", { equals: [v] });
const mgmt = category("Management");
const data = category("Data");
const s3Type = field("resources.type", { equals: ["AWS::S3::Object"] });
const readOnly = (v: Value): FieldSelector => field("readOnly", { equals: [v] });
const arn = (ops: Ops): FieldSelector => field("resources.ARN", ops);

const cov = (read: Tri, write: Tri): Coverage => ({ read, write });

// ---------------------------------------------------------------- three-valued helpers

describe("triOr / triAnd", () => {
  it.each<[Tri[], Tri, Tri]>([
    [[], "no", "yes"],
    [["yes"], "yes", "yes"],
    [["no", "unknown"], "unknown", "no"],
    [["unknown", "yes"], "yes", "unknown"],
    [["no", "no"], "no", "no"],
    [["unknown", "unknown"], "unknown", "unknown"],
  ])("%j → or %s, and %s", (xs, or, and) => {
    expect(triOr(...xs)).toBe(or);
    expect(triAnd(...xs)).toBe(and);
  });
});

// ---------------------------------------------------------------- management events

describe("managementCoverage", () => {
  it.each<[string, EventSelectors, Coverage]>([
    ["no selectors: all read and write management events", NONE, cov("yes", "yes")],
    ["empty basic list counts as no selectors", B(), cov("yes", "yes")],
    ["empty advanced list counts as no selectors", A(), cov("yes", "yes")],
    ["basic selector with defaults", B(basic()), cov("yes", "yes")],
    ["basic All", B(basic({ readWriteType: "All", includeManagementEvents: true })), cov("yes", "yes")],
    ["basic IncludeManagementEvents false", B(basic({ includeManagementEvents: false })), cov("no", "no")],
    ["basic IncludeManagementEvents \"False\" (CloudFormation string)", B(basic({ includeManagementEvents: "False" })), cov("no", "no")],
    ["basic IncludeManagementEvents \"true\" (CloudFormation string)", B(basic({ includeManagementEvents: "true" })), cov("yes", "yes")],
    ["basic ReadOnly", B(basic({ readWriteType: "ReadOnly" })), cov("yes", "no")],
    ["basic WriteOnly: read not covered", B(basic({ readWriteType: "WriteOnly" })), cov("no", "yes")],
    ["basic ReadOnly + WriteOnly add up", B(basic({ readWriteType: "ReadOnly" }), basic({ readWriteType: "WriteOnly" })), cov("yes", "yes")],
    [
      "basic ReadOnly with management + WriteOnly without: write not covered",
      B(basic({ readWriteType: "ReadOnly" }), basic({ readWriteType: "WriteOnly", includeManagementEvents: false })),
      cov("yes", "no"),
    ],
    [
      "basic excluding KMS and RDS Data API sources still records management events",
      B(basic({ excludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] })),
      cov("yes", "yes"),
    ],
    ["basic excluded sources unknown: still recorded", B(basic({ excludeManagementEventSources: U })), cov("yes", "yes")],
    [
      "basic data-only selector",
      B(basic({ includeManagementEvents: false, dataResources: [s3Objects("arn:aws:s3")] })),
      cov("no", "no"),
    ],
    ["basic IncludeManagementEvents unknown", B(basic({ includeManagementEvents: U })), cov("unknown", "unknown")],
    ["basic ReadWriteType unknown", B(basic({ readWriteType: U })), cov("unknown", "unknown")],
    ["basic ReadWriteType not a valid value", B(basic({ readWriteType: "Everything" })), cov("unknown", "unknown")],
    ["basic ReadOnly, IncludeManagementEvents unknown", B(basic({ readWriteType: "ReadOnly", includeManagementEvents: U })), cov("unknown", "no")],
    ["basic unknown selector beside a full one", B(basic({ readWriteType: U }), basic()), cov("yes", "yes")],
    [
      "basic unknown selector beside a data-only one",
      B(basic({ readWriteType: U }), basic({ includeManagementEvents: false })),
      cov("unknown", "unknown"),
    ],

    ["advanced Management", A(adv("m", mgmt)), cov("yes", "yes")],
    ["advanced Management readOnly true", A(adv("m", mgmt, readOnly("true"))), cov("yes", "no")],
    ["advanced Management readOnly false", A(adv("m", mgmt, readOnly("false"))), cov("no", "yes")],
    ["advanced readOnly \"True\" in another letter case", A(adv("m", mgmt, readOnly("True"))), cov("yes", "no")],
    ["advanced readOnly written as a YAML boolean", A(adv("m", mgmt, readOnly(false))), cov("no", "yes")],
    ["advanced readOnly true and false in one condition", A(adv("m", mgmt, field("readOnly", { equals: ["true", "false"] }))), cov("yes", "yes")],
    ["advanced read-only + write-only selectors add up", A(adv("r", mgmt, readOnly("true")), adv("w", mgmt, readOnly("false"))), cov("yes", "yes")],
    [
      "advanced eventSource NotEquals KMS / RDS Data API: exclusions are fine",
      A(adv("m", mgmt, field("eventSource", { notEquals: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] }))),
      cov("yes", "yes"),
    ],
    ["advanced eventSource Equals: only those sources", A(adv("m", mgmt, field("eventSource", { equals: ["iam.amazonaws.com"] }))), cov("no", "no")],
    ["advanced eventSource StartsWith: only those sources", A(adv("m", mgmt, field("eventSource", { startsWith: ["iam."] }))), cov("no", "no")],
    ["advanced eventName Equals: only those events", A(adv("m", mgmt, field("eventName", { equals: ["ConsoleLogin"] }))), cov("no", "no")],
    [
      "advanced selector named for management events that selects data events",
      A(adv("Log all management events", data, s3Type)),
      cov("no", "no"),
    ],
    [
      "advanced selector named for S3 data that selects management events",
      A(adv("Log all S3 data events", mgmt)),
      cov("yes", "yes"),
    ],
    ["advanced eventCategory Equals Management and Data", A(adv("m", field("eventCategory", { equals: ["Management", "Data"] }))), cov("yes", "yes")],
    ["advanced without an eventCategory condition is invalid: unknown", A(adv("m", readOnly("true"))), cov("unknown", "no")],
    ["advanced field selectors unknown", A({ name: "m", fieldSelectors: U, loc }), cov("unknown", "unknown")],
    ["advanced eventCategory value unknown", A(adv("m", category(U))), cov("unknown", "unknown")],
    ["advanced readOnly value unknown", A(adv("m", mgmt, readOnly(U))), cov("unknown", "unknown")],
    ["advanced field name unknown", A(adv("m", mgmt, field(U, { equals: ["true"] }))), cov("unknown", "unknown")],
    ["advanced unknown selector beside a full one", A({ name: "x", fieldSelectors: U, loc }, adv("m", mgmt)), cov("yes", "yes")],
    ["advanced unknown read-only selector beside a write-only one", A(adv("r", mgmt, readOnly(U)), adv("w", mgmt, readOnly("false"))), cov("unknown", "yes")],
    ["advanced unknown eventSource exclusion is still an exclusion", A(adv("m", mgmt, field("eventSource", { notEquals: U }))), cov("yes", "yes")],
    ["advanced data selector only", A(adv("d", data, s3Type)), cov("no", "no")],
  ])("%s", (_name, selectors, expected) => {
    expect(managementCoverage(selectors)).toEqual(expected);
  });
});

describe("excludesManagementPlainly", () => {
  it.each<[string, EventSelectors, boolean]>([
    ["no selectors", NONE, false],
    ["empty list", B(), false],
    ["basic defaults", B(basic()), false],
    ["basic all IncludeManagementEvents false", B(basic({ includeManagementEvents: false }), basic({ includeManagementEvents: "false" })), true],
    ["basic one selector still includes them", B(basic({ includeManagementEvents: false }), basic({ readWriteType: "ReadOnly" })), false],
    ["basic unknown", B(basic({ includeManagementEvents: U })), false],
    ["advanced data only", A(adv("d", data, s3Type), adv("d2", data, field("resources.type", { equals: ["AWS::Lambda::Function"] }))), true],
    ["advanced data only, named as management", A(adv("Log all management events", data, s3Type)), true],
    ["advanced with a management selector", A(adv("d", data, s3Type), adv("m", mgmt, readOnly("true"))), false],
    ["advanced eventCategory unknown", A(adv("d", category(U))), false],
    ["advanced field selectors unknown", A({ name: "d", fieldSelectors: U, loc }), false],
    ["advanced without eventCategory", A(adv("d", s3Type)), false],
  ])("%s → %s", (_name, selectors, expected) => {
    expect(excludesManagementPlainly(selectors)).toBe(expected);
  });
});

// ---------------------------------------------------------------- S3 data events

describe("s3DataCoverage, basic selectors", () => {
  const tok = symbol("DataBucket");
  it.each<[string, EventSelectors, string, Coverage]>([
    ["no selectors: no data events", NONE, "data", cov("no", "no")],
    ["empty list: no data events", B(), "data", cov("no", "no")],
    ["management only", B(basic()), "data", cov("no", "no")],
    ["arn:aws:s3 covers every bucket", B(basic({ dataResources: [s3Objects("arn:aws:s3")] })), "data", cov("yes", "yes")],
    ["arn:aws:s3::: covers every bucket", B(basic({ dataResources: [s3Objects("arn:aws:s3:::")] })), "data", cov("yes", "yes")],
    ["arn:aws:s3:::B/ covers B", B(basic({ dataResources: [s3Objects("arn:aws:s3:::data/")] })), "data", cov("yes", "yes")],
    ["arn:aws:s3:::B covers B", B(basic({ dataResources: [s3Objects("arn:aws:s3:::data")] })), "data", cov("yes", "yes")],
    ["arn:aws:s3:::B names B only, not B-archive", B(basic({ dataResources: [s3Objects("arn:aws:s3:::data")] })), "data-archive", cov("no", "no")],
    ["a narrower prefix covers only part of B", B(basic({ dataResources: [s3Objects("arn:aws:s3:::data/logs/")] })), "data", cov("no", "no")],
    ["a wildcard is not a wildcard", B(basic({ dataResources: [s3Objects("arn:aws:s3:::data/*")] })), "data", cov("no", "no")],
    ["another bucket", B(basic({ dataResources: [s3Objects("arn:aws:s3:::other/")] })), "data", cov("no", "no")],
    ["one of several buckets", B(basic({ dataResources: [s3Objects("arn:aws:s3:::other/", "arn:aws:s3:::data/")] })), "data", cov("yes", "yes")],
    ["no values", B(basic({ dataResources: [s3Objects()] })), "data", cov("no", "no")],
    ["ReadOnly: write not covered", B(basic({ readWriteType: "ReadOnly", dataResources: [s3Objects("arn:aws:s3")] })), "data", cov("yes", "no")],
    ["WriteOnly: read not covered", B(basic({ readWriteType: "WriteOnly", dataResources: [s3Objects("arn:aws:s3")] })), "data", cov("no", "yes")],
    [
      "ReadOnly and WriteOnly selectors add up",
      B(
        basic({ readWriteType: "ReadOnly", dataResources: [s3Objects("arn:aws:s3:::data/")] }),
        basic({ readWriteType: "WriteOnly", dataResources: [s3Objects("arn:aws:s3")] }),
      ),
      "data",
      cov("yes", "yes"),
    ],
    [
      "IncludeManagementEvents false does not matter for data events",
      B(basic({ includeManagementEvents: false, dataResources: [s3Objects("arn:aws:s3:::data/")] })),
      "data",
      cov("yes", "yes"),
    ],
    ["Lambda data resource", B(basic({ dataResources: [{ type: "AWS::Lambda::Function", values: ["arn:aws:lambda"] }] })), "data", cov("no", "no")],
    ["another partition", B(basic({ dataResources: [s3Objects("arn:aws-cn:s3:::data/")] })), "data", cov("yes", "yes")],
    ["symbolic bucket named by its token", B(basic({ dataResources: [s3Objects(`arn:aws:s3:::${tok}/`)] })), tok, cov("yes", "yes")],
    ["symbolic bucket, a literal name is another bucket", B(basic({ dataResources: [s3Objects("arn:aws:s3:::data/")] })), tok, cov("no", "no")],
    ["symbolic bucket, every bucket", B(basic({ dataResources: [s3Objects("arn:aws:s3:::")] })), tok, cov("yes", "yes")],
    ["data resources unknown", B(basic({ dataResources: U })), "data", cov("unknown", "unknown")],
    ["data resources unknown, ReadOnly", B(basic({ readWriteType: "ReadOnly", dataResources: U })), "data", cov("unknown", "no")],
    ["data resource unknown", B(basic({ dataResources: [U] as unknown as DataResource[] })), "data", cov("unknown", "unknown")],
    ["type unknown", B(basic({ dataResources: [{ type: U, values: ["arn:aws:s3"] }] })), "data", cov("unknown", "unknown")],
    ["type missing (invalid)", B(basic({ dataResources: [{ type: null, values: ["arn:aws:s3"] }] })), "data", cov("unknown", "unknown")],
    ["values unknown", B(basic({ dataResources: [{ type: "AWS::S3::Object", values: U }] })), "data", cov("unknown", "unknown")],
    ["one value unknown, another covers", B(basic({ dataResources: [s3Objects(U, "arn:aws:s3:::data/")] })), "data", cov("yes", "yes")],
    ["one value unknown, the other misses", B(basic({ dataResources: [s3Objects(U, "arn:aws:s3:::other/")] })), "data", cov("unknown", "unknown")],
    ["ReadWriteType unknown", B(basic({ readWriteType: U, dataResources: [s3Objects("arn:aws:s3")] })), "data", cov("unknown", "unknown")],
  ])("%s", (_name, selectors, bucket, expected) => {
    expect(s3DataCoverage(selectors, bucket)).toEqual(expected);
  });
});

describe("s3DataCoverage, advanced selectors", () => {
  const tok = symbol("DataBucket");
  const s3 = (...extra: FieldSelector[]): AdvancedSelector => adv("s3", data, s3Type, ...extra);
  it.each<[string, EventSelectors, string, Coverage]>([
    ["StartsWith the bucket ARN covers it", A(s3(arn({ startsWith: ["arn:aws:s3:::data/"] }))), "data", cov("yes", "yes")],
    ["no resources.ARN condition covers every bucket", A(s3()), "data", cov("yes", "yes")],
    ["StartsWith arn:aws:s3::: covers every bucket", A(s3(arn({ startsWith: ["arn:aws:s3:::"] }))), "data", cov("yes", "yes")],
    ["StartsWith without the slash covers the bucket", A(s3(arn({ startsWith: ["arn:aws:s3:::data"] }))), "data", cov("yes", "yes")],
    ["StartsWith a key prefix covers only part", A(s3(arn({ startsWith: ["arn:aws:s3:::data/logs/"] }))), "data", cov("no", "no")],
    ["StartsWith another bucket", A(s3(arn({ startsWith: ["arn:aws:s3:::data/"] }))), "data-archive", cov("no", "no")],
    ["StartsWith one of two buckets", A(s3(arn({ startsWith: ["arn:aws:s3:::data/", "arn:aws:s3:::logs/"] }))), "logs", cov("yes", "yes")],
    ["NotStartsWith the bucket excludes it", A(s3(arn({ notStartsWith: ["arn:aws:s3:::data/"] }))), "data", cov("no", "no")],
    ["NotStartsWith another bucket", A(s3(arn({ notStartsWith: ["arn:aws:s3:::cloudtrail-logs/"] }))), "data", cov("yes", "yes")],
    ["NotStartsWith a key prefix of the bucket", A(s3(arn({ notStartsWith: ["arn:aws:s3:::data/tmp/"] }))), "data", cov("no", "no")],
    ["Equals the bucket ARN matches no object", A(s3(arn({ equals: ["arn:aws:s3:::data/"] }))), "data", cov("no", "no")],
    ["NotEquals the bucket ARN excludes no object", A(s3(arn({ notEquals: ["arn:aws:s3:::data/", "arn:aws:s3:::data"] }))), "data", cov("yes", "yes")],
    ["NotEquals one object", A(s3(arn({ notEquals: ["arn:aws:s3:::data/secret.csv"] }))), "data", cov("no", "no")],
    ["EndsWith covers only some keys", A(s3(arn({ endsWith: [".csv"] }))), "data", cov("no", "no")],
    ["NotEndsWith drops some keys", A(s3(arn({ notEndsWith: [".tmp"] }))), "data", cov("no", "no")],
    [
      "including operators of one condition add up",
      A(s3(arn({ startsWith: ["arn:aws:s3:::data/"], endsWith: [".csv"] }))),
      "data",
      cov("yes", "yes"),
    ],
    [
      "StartsWith the bucket and NotStartsWith a prefix of it",
      A(s3(arn({ startsWith: ["arn:aws:s3:::data/"], notStartsWith: ["arn:aws:s3:::data/tmp/"] }))),
      "data",
      cov("no", "no"),
    ],
    [
      "selectors add up over key prefixes",
      A(
        s3(arn({ startsWith: ["arn:aws:s3:::data/logs/"] })),
        s3(arn({ startsWith: ["arn:aws:s3:::data/"], notStartsWith: ["arn:aws:s3:::data/logs/"] })),
      ),
      "data",
      cov("yes", "yes"),
    ],
    ["readOnly true only: write not covered", A(s3(readOnly("true"))), "data", cov("yes", "no")],
    ["readOnly false only: read not covered", A(s3(readOnly("false"), arn({ startsWith: ["arn:aws:s3:::data/"] }))), "data", cov("no", "yes")],
    ["read-only and write-only selectors add up", A(s3(readOnly("true")), s3(readOnly("false"))), "data", cov("yes", "yes")],
    [
      "named \"Log all S3 data events\" but selecting management events",
      A(adv("Log all S3 data events", mgmt)),
      "data",
      cov("no", "no"),
    ],
    [
      "named \"Log all S3 data events\" but selecting Lambda",
      A(adv("Log all S3 data events", data, field("resources.type", { equals: ["AWS::Lambda::Function"] }))),
      "data",
      cov("no", "no"),
    ],
    [
      "named \"Log all S3 data events\" but only one key prefix",
      A(adv("Log all S3 data events", data, s3Type, arn({ startsWith: ["arn:aws:s3:::data/public/"] }))),
      "data",
      cov("no", "no"),
    ],
    ["named \"management only\" but selecting S3 data", A(adv("management only", data, s3Type)), "data", cov("yes", "yes")],
    ["eventName Equals: only some events", A(s3(field("eventName", { equals: ["GetObject", "PutObject"] }))), "data", cov("no", "no")],
    ["eventSource Equals S3 (event data stores)", A(s3(field("eventSource", { equals: ["s3.amazonaws.com"] }))), "data", cov("yes", "yes")],
    ["eventSource NotEquals S3", A(s3(field("eventSource", { notEquals: ["s3.amazonaws.com"] }))), "data", cov("no", "no")],
    ["eventSource NotEquals KMS", A(s3(field("eventSource", { notEquals: ["kms.amazonaws.com"] }))), "data", cov("yes", "yes")],
    ["resources.type missing (invalid)", A(adv("s3", data)), "data", cov("unknown", "unknown")],
    ["another partition", A(s3(arn({ startsWith: ["arn:aws-us-gov:s3:::data/"] }))), "data", cov("yes", "yes")],
    ["symbolic bucket named by its token", A(s3(arn({ startsWith: [`arn:aws:s3:::${tok}/`] }))), tok, cov("yes", "yes")],
    ["symbolic bucket, a literal prefix is another bucket", A(s3(arn({ startsWith: ["arn:aws:s3:::my-"] }))), tok, cov("no", "no")],
    ["symbolic bucket excluded by its token", A(s3(arn({ notStartsWith: [`arn:aws:s3:::${tok}/`] }))), tok, cov("no", "no")],
    ["symbolic bucket, another token excluded", A(s3(arn({ notStartsWith: [`arn:aws:s3:::${symbol("LogBucket")}/`] }))), tok, cov("yes", "yes")],
    ["StartsWith value unknown", A(s3(arn({ startsWith: [U] }))), "data", cov("unknown", "unknown")],
    ["StartsWith list unknown", A(s3(arn({ startsWith: U }))), "data", cov("unknown", "unknown")],
    ["StartsWith one unknown, another covers", A(s3(arn({ startsWith: [U, "arn:aws:s3:::"] }))), "data", cov("yes", "yes")],
    ["NotStartsWith unknown", A(s3(arn({ notStartsWith: [U] }))), "data", cov("unknown", "unknown")],
    ["NotStartsWith unknown, and the bucket", A(s3(arn({ notStartsWith: [U, "arn:aws:s3:::data/"] }))), "data", cov("no", "no")],
    ["resources.type unknown", A(adv("s3", data, field("resources.type", { equals: U }))), "data", cov("unknown", "unknown")],
    ["readOnly unknown", A(s3(readOnly(U))), "data", cov("unknown", "unknown")],
    ["field name unknown", A(s3(field(U, { startsWith: ["arn:aws:s3:::data/"] }))), "data", cov("unknown", "unknown")],
    ["field selectors unknown", A({ name: "s3", fieldSelectors: U, loc }), "data", cov("unknown", "unknown")],
    ["field selectors unknown beside a covering selector", A({ name: "x", fieldSelectors: U, loc }, s3()), "data", cov("yes", "yes")],
    [
      "field selectors unknown beside a read-only selector",
      A({ name: "x", fieldSelectors: U, loc }, s3(readOnly("true"))),
      "data",
      cov("yes", "unknown"),
    ],
  ])("%s", (_name, selectors, bucket, expected) => {
    expect(s3DataCoverage(selectors, bucket)).toEqual(expected);
  });

  it("an eventName exclusion leaves write events of that name unrecorded", () => {
    const sels = A(s3(field("eventName", { notEquals: ["DeleteObject"] })));
    expect(s3DataCoverage(sels, "data").write).toBe("no");
  });

  it("past its budget, still finds a selector that covers alone, and says unknown rather than no", () => {
    const many = (prefix: string): string[] => Array.from({ length: 120 }, (_, i) => `${prefix}${i}-`);
    const busy = s3(
      field("eventName", { startsWith: many("Get") }),
      field("userIdentity.arn", { notStartsWith: many("arn:aws:iam::111122223333:role/r") }),
      arn({ notStartsWith: many("arn:aws:s3:::data/p") }),
    );
    const alone = s3(arn({ startsWith: ["arn:aws:s3:::data/"] }));
    const logs = s3(arn({ startsWith: ["arn:aws:s3:::data/logs/"] }));
    const rest = s3(arn({ startsWith: ["arn:aws:s3:::data/"], notStartsWith: ["arn:aws:s3:::data/logs/"] }));
    expect(s3DataCoverage(A(busy, alone), "data")).toEqual(cov("yes", "yes"));
    expect(s3DataCoverage(A(busy, logs, rest), "data")).toEqual(cov("unknown", "unknown"));
    expect(s3DataCoverage(A(logs, rest), "data")).toEqual(cov("yes", "yes"));
  });

  it("handles many selectors and values without giving up", () => {
    const buckets = Array.from({ length: 250 }, (_, i) => `arn:aws:s3:::bucket-${i}/`);
    const sels = A(
      s3(arn({ startsWith: buckets }), field("eventName", { notStartsWith: ["Get", "Head", "List"] })),
      s3(arn({ startsWith: [...buckets, "arn:aws:s3:::data/"] }), field("eventName", { startsWith: ["Get", "Head", "List"] })),
    );
    expect(s3DataCoverage(sels, "data")).toEqual(cov("no", "no"));
    expect(s3DataCoverage(sels, "bucket-7")).toEqual(cov("yes", "yes"));
  });
});

describe("combineCoverage", () => {
  it.each<[Coverage[], Coverage]>([
    [[], cov("no", "no")],
    [[cov("yes", "no")], cov("yes", "no")],
    [[cov("yes", "no"), cov("no", "yes")], cov("yes", "yes")],
    [[cov("unknown", "no"), cov("no", "no")], cov("unknown", "no")],
    [[cov("unknown", "unknown"), cov("yes", "no")], cov("yes", "unknown")],
  ])("%j → %j", (list, expected) => {
    expect(combineCoverage(list)).toEqual(expected);
  });

  it("read from one trail and write from another add up", () => {
    const reader = B(basic({ readWriteType: "ReadOnly", dataResources: [s3Objects("arn:aws:s3:::data/")] }));
    const writer = A(adv("w", data, s3Type, readOnly("false")));
    expect(combineCoverage([s3DataCoverage(reader, "data"), s3DataCoverage(writer, "data")])).toEqual(cov("yes", "yes"));
  });
});

// ---------------------------------------------------------------- properties

/**
 * Generators draw from small vocabularies built so that a reference check over a finite set of
 * events is exact: key texts are made of the fragments below, each fragment starting with a
 * character that occurs nowhere else, and "q" / "Z" never occur in a selector.
 */
const BUCKETS = ["data", "logs"] as const;
const KEY_FRAGMENTS = ["logs/", "img.", "x"];
const NAME_FRAGMENTS = ["Get", "Put", "Object"];
const ARN_VALUES = [
  "arn:aws:s3",
  "arn:aws:s3:::",
  "arn:aws:s3:::da",
  "arn:aws:s3:::data",
  "arn:aws:s3:::data/",
  "arn:aws:s3:::data/logs/",
  "arn:aws:s3:::data/img.",
  "arn:aws:s3:::data/x",
  "arn:aws:s3:::logs",
  "arn:aws:s3:::logs/",
  "arn:aws:s3:::logs/logs/",
];

function concatenations(fragments: readonly string[], maxParts: number): string[] {
  let level = [""];
  const out: string[] = [];
  for (let n = 1; n <= maxParts; n++) {
    level = level.flatMap((s) => fragments.map((f) => s + f));
    out.push(...level);
  }
  return out;
}

const KEYS = concatenations([...KEY_FRAGMENTS, "q"], 3);
const EVENT_NAMES = concatenations([...NAME_FRAGMENTS, "Z"], 3);

const list = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(arb, { minLength: 1, maxLength: 2 });

const opsFor = (values: Readonly<Record<keyof Ops, readonly string[]>>): fc.Arbitrary<Ops> =>
  fc
    .subarray(Object.keys(values) as (keyof Ops)[], { minLength: 1, maxLength: 2 })
    .chain((ops) => fc.tuple(...ops.map((op) => list(fc.constantFrom(...values[op])).map((v) => [op, v] as const))))
    .map((pairs) => Object.fromEntries(pairs) as Ops);

const extraField: fc.Arbitrary<FieldSelector> = fc.oneof(
  fc.constantFrom("true", "false").map((v) => readOnly(v)),
  fc.constant(field("readOnly", { equals: ["true", "false"] })),
  opsFor({
    equals: ARN_VALUES,
    notEquals: ARN_VALUES,
    startsWith: ARN_VALUES,
    notStartsWith: ARN_VALUES,
    endsWith: KEY_FRAGMENTS,
    notEndsWith: KEY_FRAGMENTS,
  }).map((ops) => arn(ops)),
  opsFor({
    equals: ["GetObject", "PutObject", "Get"],
    notEquals: ["GetObject", "PutObject", "Get"],
    startsWith: ["Get", "Put"],
    notStartsWith: ["Get", "Put"],
    endsWith: ["Object"],
    notEndsWith: ["Object"],
  }).map((ops) => field("eventName", ops)),
  opsFor({
    equals: ["s3.amazonaws.com", "kms.amazonaws.com"],
    notEquals: ["s3.amazonaws.com", "kms.amazonaws.com"],
    startsWith: ["s3.", "kms."],
    notStartsWith: ["s3.", "kms."],
    endsWith: [".amazonaws.com"],
    notEndsWith: [".com"],
  }).map((ops) => field("eventSource", ops)),
);

const advancedArb: fc.Arbitrary<AdvancedSelector> = fc
  .record({
    name: fc.constantFrom("Log all S3 data events", "Management events", "x"),
    category: fc.constantFrom<string[]>(["Data"], ["Data"], ["Management"], ["Management", "Data"]),
    type: fc.constantFrom<string[]>(["AWS::S3::Object"], ["AWS::S3::Object"], ["AWS::Lambda::Function"]),
    extra: fc.array(extraField, { maxLength: 3 }),
  })
  .map(({ name, category: c, type, extra }) =>
    adv(name, field("eventCategory", { equals: c }), field("resources.type", { equals: type }), ...extra),
  );

const basicArb: fc.Arbitrary<BasicSelector> = fc
  .record({
    readWriteType: fc.constantFrom<Value>(null, "All", "ReadOnly", "WriteOnly"),
    includeManagementEvents: fc.constantFrom<Value>(null, true, false),
    excludeManagementEventSources: fc.constantFrom<Value>(null, ["kms.amazonaws.com"]),
    dataResources: fc.option(
      fc.array(
        fc.record({
          type: fc.constantFrom<Value>("AWS::S3::Object", "AWS::S3::Object", "AWS::Lambda::Function"),
          values: fc.array(fc.constantFrom<Value>(...ARN_VALUES), { maxLength: 3 }),
        }),
        { maxLength: 3 },
      ),
      { nil: null },
    ),
  })
  .map((r) => basic(r));

const selectorsArb: fc.Arbitrary<EventSelectors> = fc.oneof(
  fc.array(basicArb, { minLength: 1, maxLength: 4 }).map((s) => B(...s)),
  fc.array(advancedArb, { minLength: 1, maxLength: 4 }).map((s) => A(...s)),
);

/** Replaces parts of the selectors by unknown values where `hide` says so (one decision per part). */
function mask(selectors: EventSelectors, hide: readonly boolean[]): EventSelectors {
  let n = 0;
  const hidden = (): boolean => hide.length > 0 && hide[n++ % hide.length] === true;
  const h = (v: Value): Value => (hidden() ? U : v);
  const hl = (v: Value): Value => (hidden() ? U : Array.isArray(v) ? (v as readonly Value[]).map(h) : v);
  if (selectors.kind === "none") return selectors;
  if (selectors.kind === "basic") {
    return B(
      ...selectors.selectors.map((s) => {
        const resources = s.dataResources;
        return basic({
          readWriteType: h(s.readWriteType),
          includeManagementEvents: h(s.includeManagementEvents),
          excludeManagementEventSources: s.excludeManagementEventSources,
          dataResources: hidden()
            ? U
            : Array.isArray(resources)
              ? (resources as readonly DataResource[]).map((r) => ({ type: h(r.type), values: hl(r.values) }))
              : resources,
        });
      }),
    );
  }
  return A(
    ...selectors.selectors.map((s): AdvancedSelector => {
      if (hidden()) return { ...s, fieldSelectors: U };
      return {
        ...s,
        fieldSelectors: (s.fieldSelectors as readonly FieldSelector[]).map((f) => ({
          field: h(f.field),
          equals: hl(f.equals),
          notEquals: hl(f.notEquals),
          startsWith: hl(f.startsWith),
          notStartsWith: hl(f.notStartsWith),
          endsWith: hl(f.endsWith),
          notEndsWith: hl(f.notEndsWith),
        })),
      };
    }),
  );
}

const hideArb = fc.array(fc.integer({ min: 0, max: 5 }).map((i) => i === 0), { maxLength: 12 });

// The reference: CloudTrail's matching rules applied directly to one concrete event.
type Event = Readonly<Record<string, string>>;

function referenceAdvanced(sel: AdvancedSelector, event: Event): boolean {
  return (sel.fieldSelectors as FieldSelector[]).every((f) => {
    const v = event[f.field as string]!;
    const values = (x: Value): string[] => (Array.isArray(x) ? (x as string[]) : []);
    const including = [
      ...values(f.equals).map((p) => v === p),
      ...values(f.startsWith).map((p) => v.startsWith(p)),
      ...values(f.endsWith).map((p) => v.endsWith(p)),
    ];
    const excluding = [
      ...values(f.notEquals).map((p) => v === p),
      ...values(f.notStartsWith).map((p) => v.startsWith(p)),
      ...values(f.notEndsWith).map((p) => v.endsWith(p)),
    ];
    return (including.length === 0 || including.some(Boolean)) && !excluding.some(Boolean);
  });
}

function referenceBasic(sel: BasicSelector, event: Event): boolean {
  const rw = sel.readWriteType ?? "All";
  if (rw === "ReadOnly" && event["readOnly"] !== "true") return false;
  if (rw === "WriteOnly" && event["readOnly"] !== "false") return false;
  return ((sel.dataResources ?? []) as DataResource[]).some(
    (r) =>
      r.type === "AWS::S3::Object" &&
      (r.values as string[]).some((v) => event["resources.ARN"]!.startsWith(/^arn:aws:s3:::[^/]+$/.test(v) ? `${v}/` : v)),
  );
}

function referenceRecordsAll(selectors: EventSelectors, bucket: string, ro: "true" | "false"): boolean {
  if (selectors.kind === "none") return false;
  for (const key of KEYS) {
    for (const eventName of EVENT_NAMES) {
      const event: Event = {
        eventCategory: "Data",
        "resources.type": "AWS::S3::Object",
        readOnly: ro,
        eventSource: "s3.amazonaws.com",
        "resources.ARN": `arn:aws:s3:::${bucket}/${key}`,
        eventName,
      };
      const recorded =
        selectors.kind === "basic"
          ? selectors.selectors.some((s) => referenceBasic(s, event))
          : selectors.selectors.some((s) => referenceAdvanced(s, event));
      if (!recorded) return false;
    }
  }
  return true;
}

const RANK: Readonly<Record<Tri, number>> = { no: 0, unknown: 1, yes: 2 };

function withMore(selectors: EventSelectors, more: EventSelectors): EventSelectors {
  if (selectors.kind === "basic" && more.kind === "basic") return B(...selectors.selectors, ...more.selectors);
  if (selectors.kind === "advanced" && more.kind === "advanced") return A(...selectors.selectors, ...more.selectors);
  return selectors;
}

describe("representatives", () => {
  it("lists one string of every piece that the mentioned texts cut the range into", () => {
    const word = (min: number, max: number): fc.Arbitrary<string> =>
      fc.array(fc.constantFrom("a", "b"), { minLength: min, maxLength: max }).map((cs) => cs.join(""));
    const texts = fc.array(word(1, 3), { maxLength: 3 });
    fc.assert(
      fc.property(texts, texts, texts, fc.constantFrom("", "a", "ab"), word(1, 6), (equal, prefixes, suffixes, domain, tail) => {
        const s = domain + tail;
        const piece = (v: string): string =>
          JSON.stringify([equal.map((t) => v === t), prefixes.map((t) => v.startsWith(t)), suffixes.map((t) => v.endsWith(t))]);
        const reps = representatives({ equal: new Set(equal), prefixes: new Set(prefixes), suffixes: new Set(suffixes) }, domain);
        for (const r of reps) expect(r.startsWith(domain) && r.length > domain.length).toBe(true);
        expect(reps.map(piece)).toContain(piece(s));
      }),
      { numRuns: 500 },
    );
  });
});

describe("properties", () => {
  const bucketArb = fc.constantFrom(...BUCKETS);

  it("without unknowns, S3 coverage is exactly what CloudTrail's matching rules give", () => {
    fc.assert(
      fc.property(selectorsArb, bucketArb, (selectors, bucket) => {
        const got = s3DataCoverage(selectors, bucket);
        expect(got.read).toBe(referenceRecordsAll(selectors, bucket, "true") ? "yes" : "no");
        expect(got.write).toBe(referenceRecordsAll(selectors, bucket, "false") ? "yes" : "no");
      }),
      { numRuns: 300 },
    );
  });

  it("without unknowns, management coverage is never unknown", () => {
    fc.assert(
      fc.property(selectorsArb, (selectors) => {
        const got = managementCoverage(selectors);
        expect(got.read).not.toBe("unknown");
        expect(got.write).not.toBe("unknown");
      }),
    );
  });

  it("an answer reached with unknown values holds for every value they could take", () => {
    fc.assert(
      fc.property(selectorsArb, hideArb, bucketArb, (concrete, hide, bucket) => {
        const masked = mask(concrete, hide);
        const pairs: [Coverage, Coverage][] = [
          [s3DataCoverage(masked, bucket), s3DataCoverage(concrete, bucket)],
          [managementCoverage(masked), managementCoverage(concrete)],
        ];
        for (const [withUnknowns, actual] of pairs) {
          for (const side of ["read", "write"] as const) {
            if (withUnknowns[side] !== "unknown") expect(actual[side]).toBe(withUnknowns[side]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("adding selectors never lowers coverage (a covered bucket stays covered)", () => {
    fc.assert(
      fc.property(selectorsArb, selectorsArb, hideArb, hideArb, bucketArb, (base, extra, h1, h2, bucket) => {
        const before = mask(base, h1);
        const after = withMore(before, mask(extra, h2));
        for (const [b, a] of [
          [s3DataCoverage(before, bucket), s3DataCoverage(after, bucket)],
          [managementCoverage(before), managementCoverage(after)],
        ] as const) {
          expect(RANK[a.read]).toBeGreaterThanOrEqual(RANK[b.read]);
          expect(RANK[a.write]).toBeGreaterThanOrEqual(RANK[b.write]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the order of selectors does not matter", () => {
    fc.assert(
      fc.property(
        selectorsArb.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.shuffledSubarray([...(s.kind === "none" ? [] : s.selectors.keys())], {
              minLength: s.kind === "none" ? 0 : s.selectors.length,
            }),
          ),
        ),
        hideArb,
        bucketArb,
        ([s, order], hide, bucket) => {
          const selectors = mask(s, hide);
          if (selectors.kind === "none") return;
          const reordered: EventSelectors =
            selectors.kind === "basic"
              ? B(...order.map((i) => selectors.selectors[i]!))
              : A(...order.map((i) => selectors.selectors[i]!));
          expect(s3DataCoverage(reordered, bucket)).toEqual(s3DataCoverage(selectors, bucket));
          expect(managementCoverage(reordered)).toEqual(managementCoverage(selectors));
          expect(excludesManagementPlainly(reordered)).toBe(excludesManagementPlainly(selectors));
        },
      ),
    );
  });

  it("excludesManagementPlainly implies that no management events are recorded", () => {
    fc.assert(
      fc.property(selectorsArb, hideArb, (s, hide) => {
        const selectors = mask(s, hide);
        if (excludesManagementPlainly(selectors)) expect(managementCoverage(selectors)).toEqual(cov("no", "no"));
      }),
    );
  });

  it("combineCoverage ignores order and lets any yes win", () => {
    const triArb = fc.constantFrom<Tri>("yes", "no", "unknown");
    const covArb = fc.record({ read: triArb, write: triArb });
    fc.assert(
      fc.property(fc.array(covArb, { maxLength: 5 }), covArb, (list, extra) => {
        const combined = combineCoverage(list);
        expect(combineCoverage([...list].reverse())).toEqual(combined);
        const more = combineCoverage([...list, extra]);
        expect(RANK[more.read]).toBeGreaterThanOrEqual(RANK[combined.read]);
        if (extra.write === "yes") expect(more.write).toBe("yes");
      }),
    );
  });
});
