import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const src = path.resolve(import.meta.dirname, "../../src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : []));
}

it("IaC scans never load the AWS SDK: only the live adapter imports it, and only dynamically from src/live.ts", () => {
  for (const file of files(src)) {
    const rel = path.relative(src, file);
    const text = readFileSync(file, "utf8");
    const staticImports = [...text.matchAll(/^import (?!type )[^;]*? from "([^"]+)";/gms)].map((m) => m[1]!);
    if (!rel.startsWith("adapters/live/")) {
      expect(staticImports.filter((s) => s.startsWith("@aws-sdk/")), rel).toEqual([]);
      expect(staticImports.filter((s) => s.includes("adapters/live/")), rel).toEqual([]);
    }
  }
  expect(readFileSync(path.join(src, "live.ts"), "utf8")).toContain('await import("./adapters/live/read.ts")');
  // Inside the live adapter, the SDK itself is loaded in one place, dynamically.
  for (const file of files(path.join(src, "adapters/live"))) {
    const text = readFileSync(file, "utf8");
    const runtime = [...text.matchAll(/^import (?!type )[^;]*? from "(@aws-sdk\/[^"]+)";/gms)].map((m) => m[1]);
    expect(runtime, path.basename(file)).toEqual([]);
  }
});
