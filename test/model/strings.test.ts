import { describe, expect, test } from "vitest";
import { ownCopy, StringTable } from "../../src/model/strings.ts";

const TEXT = 'resource "aws_cloudtrail" "organization_trail" { name = "organization-audit-trail" }';
/** A slice of TEXT (a string that points into it). */
const cut = (s: string): string => TEXT.slice(TEXT.indexOf(s), TEXT.indexOf(s) + s.length);

describe("ownCopy", () => {
  test("gives an equal string, lone surrogates and all", () => {
    for (const s of ["organization-audit-trail", "é✓ ünïcode-value-𝄞", "lone \ud800 surrogate and more", ""]) expect(ownCopy(s)).toBe(s);
  });
});

describe("StringTable", () => {
  test("gives one copy per distinct long string; short strings pass through", () => {
    const t = new StringTable();
    const a = t.own(cut("organization-audit-trail"));
    const b = t.own(["organization", "-audit-trail"].join(""));
    expect(a).toBe("organization-audit-trail");
    expect(b).toBe(a);
    expect(t.own("short")).toBe("short");
  });

  test("detach replaces the long strings of plain objects and arrays, through cycles", () => {
    const t = new StringTable();
    const loc = { file: "stacks/audit/main.tf", address: cut('aws_cloudtrail" "organization_trail'), path: ["event_selector", 0, "data_resource"] };
    const trail: Record<string, unknown> = { label: cut("organization-audit-trail"), loc, values: [cut('resource "aws_cloudtra'), 7, null, { deep: [cut('"organization_trail')] }] };
    trail["self"] = trail;
    // label, file, address, two path steps, and the two long strings of values.
    expect(t.detach({ trails: [trail] })).toBe(7);
    expect(trail).toMatchObject({
      label: "organization-audit-trail",
      loc: { file: "stacks/audit/main.tf", address: 'aws_cloudtrail" "organization_trail', path: ["event_selector", 0, "data_resource"] },
      values: ['resource "aws_cloudtra', 7, null, { deep: ['"organization_trail'] }],
    });
    expect(trail["label"]).toBe(t.own("organization-audit-trail"));
  });

  test("frozen containers, class instances and maps are left as they are", () => {
    const t = new StringTable();
    const frozen = Object.freeze([TEXT.slice(0, 30)]);
    class Box {
      constructor(readonly s: string) {}
    }
    const box = new Box(TEXT.slice(0, 30));
    const map = new Map([["k", TEXT.slice(0, 30)]]);
    expect(t.detach({ frozen, box, map })).toBe(0);
    expect(frozen[0]).toBe(TEXT.slice(0, 30));
    expect(box.s).toBe(TEXT.slice(0, 30));
    expect(map.get("k")).toBe(TEXT.slice(0, 30));
  });
});
