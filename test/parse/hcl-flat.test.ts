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

  test("a text with a syntax error does not flatten", async () => {
    expect((await loadHclParser()).flatten(BROKEN)).toBeNull();
  });
});
