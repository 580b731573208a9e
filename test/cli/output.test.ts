import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { chunked, writeOutput } from "../../src/cli/output.ts";
import { collectBeforeReports } from "../../src/cli/heap.ts";

describe("report output", () => {
  test("pieces are gathered into chunks of about the size asked, in order, nothing lost", () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `piece ${i};`);
    const chunks = [...chunked(pieces, 500)];
    expect(chunks.join("")).toBe(pieces.join(""));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeGreaterThanOrEqual(500);
    expect([...chunked([], 500)]).toEqual([]);
  });

  test("writeOutput writes a string or pieces, multi-byte characters whole, creating folders", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "trailguard-output-"));
    const text = "ünïcode ✓ 𝄞\n".repeat(20_000);
    writeOutput("a/b/one.txt", text, dir);
    writeOutput("a/b/pieces.txt", text.split(/(?<=\n)/), dir);
    expect(readFileSync(path.join(dir, "a/b/one.txt"), "utf8")).toBe(text);
    expect(readFileSync(path.join(dir, "a/b/pieces.txt"), "utf8")).toBe(text);
    writeOutput("a/b/pieces.txt", ["shorter\n"], dir);
    expect(readFileSync(path.join(dir, "a/b/pieces.txt"), "utf8")).toBe("shorter\n");
  });

  test("a collection before the reports only when the scan left much on the heap", () => {
    expect(collectBeforeReports(1024)).toBe(false);
    expect(collectBeforeReports(512 * 1024 * 1024)).toBe(true);
  });
});
