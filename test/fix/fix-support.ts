import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { rules } from "../../rules/index.ts";
import type { RunResult } from "../../src/run-result.ts";

/** --rule options that turn every rule off but `keep`. */
export function onlyRules(...keep: string[]): { ruleLevels: (readonly [string, "off"])[] } {
  return { ruleLevels: rules.filter((r) => !keep.includes(r.meta.id)).map((r) => [r.meta.id, "off"] as const) };
}

export function firing(run: RunResult, rule: string): number {
  return run.results.filter((r) => r.ruleId === rule && !r.suppression).length;
}

/** Every file under `dir`, by relative path. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of readdirSync(d)) {
      const abs = path.join(d, n);
      if (statSync(abs).isDirectory()) walk(abs);
      else out[path.relative(dir, abs).split(path.sep).join("/")] = readFileSync(abs, "utf8");
    }
  };
  walk(dir);
  return out;
}

/** What identifies a result across two scans of the same files (no line numbers). */
export function resultKey(r: { ruleId: string; loc: { file?: string }; address: string; messageId: string; key: string }): string {
  return `${r.ruleId}|${r.loc.file}|${r.address}|${r.messageId}|${r.key}`;
}

/** The one changed stretch between two texts: what was removed and what was added in its place. */
export function changedStretch(before: string, after: string): { at: number; removed: string; added: string } {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let q = 0;
  while (q < before.length - p && q < after.length - p && before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
  return { at: p, removed: before.slice(p, before.length - q), added: after.slice(p, after.length - q) };
}

/** The only change is one `false` (maybe quoted) that became `true`. */
export function expectFalseBecameTrue(before: string, after: string): void {
  const stretch = changedStretch(before, after);
  let p = stretch.at;
  let q = before.length - stretch.at - stretch.removed.length;
  // Widen to whole words ("false" and "true" share their last letter).
  while (p > 0 && /\w/.test(before[p - 1]!)) p--;
  while (q > 0 && /\w/.test(before[before.length - q]!)) q--;
  expect(before.slice(p, before.length - q)).toMatch(/^"?false"?$/);
  expect(after.slice(p, after.length - q)).toBe("true");
}

/** The only change is the insertion of `inserted` (where it sits among equal characters may be ambiguous). */
export function expectInsertion(before: string, after: string, inserted: string): void {
  expect(after.length - before.length).toBe(inserted.length);
  for (let at = after.indexOf(inserted); at >= 0; at = after.indexOf(inserted, at + 1)) {
    if (after.slice(0, at) + after.slice(at + inserted.length) === before) return;
  }
  expect.fail(`not an insertion of ${JSON.stringify(inserted)}:\n${after}`);
}
