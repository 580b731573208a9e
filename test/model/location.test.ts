import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { plainLoc, relocated, SpanLoc, type Range } from "../../src/model/location.ts";
import { known } from "../../src/model/sourced.ts";
import { StringTable } from "../../src/model/strings.ts";

const r = (startLine: number, startColumn: number, endLine: number, endColumn: number): Range => ({ startLine, startColumn, endLine, endColumn });

describe("SpanLoc", () => {
  test("gives back the range it was made with, packed or not", () => {
    const position = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3_000_000 }));
    fc.assert(
      fc.property(position, position, position, position, (a, b, c, d) => {
        const range = r(a, b, c, d);
        expect(SpanLoc.of("main.tf", range, "aws_s3_bucket.logs", ["versioning"]).range).toEqual(range);
      }),
      { numRuns: 500 },
    );
    // Past 2,047 columns (a minified JSON template) and past a million lines.
    for (const range of [r(1, 2047, 1, 2048), r(1, 1, 1, 90_000), r(1_048_575, 1, 1_048_576, 1)]) expect(SpanLoc.of("t.json", range, "Trail", []).range).toEqual(range);
  });

  test("withPath keeps the place; relocated and plainLoc give plain objects with the range", () => {
    const loc = SpanLoc.of("stacks/a/main.tf", r(12, 3, 14, 4), "aws_cloudtrail.main", []);
    const moved = loc.withPath(["event_selector", 0]);
    expect([moved.file, moved.address, moved.path, moved.range]).toEqual(["stacks/a/main.tf", "aws_cloudtrail.main", ["event_selector", 0], r(12, 3, 14, 4)]);
    const plain = plainLoc(moved);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect({ ...plain }).toEqual({ file: "stacks/a/main.tf", range: r(12, 3, 14, 4), address: "aws_cloudtrail.main", path: ["event_selector", 0] });
    expect(relocated(loc, { file: "other.tf" })).toEqual({ file: "other.tf", range: r(12, 3, 14, 4), address: "aws_cloudtrail.main", path: [] });
    const alreadyPlain = { address: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", path: [] };
    expect(plainLoc(alreadyPlain)).toBe(alreadyPlain);
  });

  test("the string table detaches its file and address", () => {
    const text = 'resource "aws_cloudtrail" "organization_trail" {}';
    const address = text.slice(10, 45);
    const loc = SpanLoc.of("stacks/audit/main.tf", r(1, 1, 1, 50), address, []);
    const t = new StringTable();
    // Its file and its address: a location is entered, unlike other class instances.
    expect(t.detach({ loc })).toBe(2);
    expect(loc.address).toBe(address);
  });
});

describe("known values at file locations", () => {
  test("are their own location: loc, range and paths as a SpanLoc gives them", () => {
    const at = SpanLoc.of("stacks/a/main.tf", r(7, 3, 7, 31), "aws_cloudtrail.main", ["enable_log_file_validation"]);
    const k = known(false, at);
    expect([k.kind, k.value, k.origin]).toEqual(["known", false, "explicit"]);
    expect(k.loc.range).toEqual(r(7, 3, 7, 31));
    expect([k.loc.file, k.loc.address, k.loc.path]).toEqual(["stacks/a/main.tf", "aws_cloudtrail.main", ["enable_log_file_validation"]]);
    expect(k.loc).toBe(k.loc);
    expect(plainLoc(k.loc)).toEqual({ file: "stacks/a/main.tf", range: r(7, 3, 7, 31), address: "aws_cloudtrail.main", path: ["enable_log_file_validation"] });
    expect(known(true, at, "default").origin).toBe("default");
    // A plain location (a live ARN) keeps the plain shape.
    const live = { arn: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", address: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", path: ["IsLogging"] };
    expect(known(true, live)).toEqual({ kind: "known", value: true, origin: "explicit", loc: live });
  });

  test("the string table detaches their string values", () => {
    const text = "arn:aws:kms:us-east-1:111122223333:key/0123abcd-ffff-4444-8888-0123456789ab and more";
    const value = text.slice(0, 75);
    const k = known(value, SpanLoc.of("main.tf", r(1, 1, 1, 80), "aws_cloudtrail.main", ["kms_key_id"]));
    const t = new StringTable();
    // Its address and its value (the file name is too short to be a slice).
    expect(t.detach([k])).toBe(2);
    expect(k.value).toBe(value);
  });
});
