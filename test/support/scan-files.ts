import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { scan, type ScanOptions } from "../../src/index.ts";
import type { RunResult } from "../../src/run-result.ts";

/** Write files into a fresh temporary folder. */
export function tempTree(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "trailguard-test-"));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/** Scan files through the real discovery, parsers, adapters, rules and pipeline. */
export async function scanFiles(files: Readonly<Record<string, string>>, options: Omit<ScanOptions, "cwd"> = {}): Promise<RunResult> {
  const dir = tempTree(files);
  try {
    return await scan({ ...options, cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
