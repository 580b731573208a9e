// Terraform parsed in a worker arrives as a flattened tree (parse-pool.ts): converting it must give
// exactly the file the main thread's own parse gives.
import { describe, expect, test } from "vitest";
import { loadHclParser } from "../../src/parse/hcl.ts";
import { hclFiles } from "./hcl-sources.ts";

const BROKEN = 'resource "x" "y" {\n  a = [1, 2\n  b = "open\n}\n';

describe("HclParser.flatten and parseFlat", () => {
  test("give the file parseNative gives", async () => {
    const hcl = await loadHclParser();
    for (const f of hclFiles(6)) {
      const flat = hcl.flatten(f.text);
      expect(flat, f.path).not.toBeNull();
      expect(hcl.parseFlat(f.path, f.text, flat!)).toEqual(hcl.parseNative(f.path, f.text));
    }
  });

  test("a tree flattened after a larger one is whole, and leaves the earlier ones as they were", async () => {
    const hcl = await loadHclParser();
    const small = hclFiles(1)[0]!;
    // Far more nodes than the first buffer holds, so that it grows.
    const large = { path: "large/main.tf", text: hclFiles(40).map((f) => f.text).join("\n") };
    const flatLarge = hcl.flatten(large.text)!;
    const copyOfLarge = flatLarge.slice();
    const flatSmall = hcl.flatten(small.text)!;
    expect(flatLarge.length).toBeGreaterThan(4 * 1024 * 2);
    expect(flatLarge).toEqual(copyOfLarge);
    expect(hcl.parseFlat(small.path, small.text, flatSmall)).toEqual(hcl.parseNative(small.path, small.text));
    expect(hcl.parseFlat(large.path, large.text, hcl.flatten(large.text)!)).toEqual(hcl.parseNative(large.path, large.text));
  });

  test("a text with a syntax error does not flatten", async () => {
    expect((await loadHclParser()).flatten(BROKEN)).toBeNull();
  });
});
