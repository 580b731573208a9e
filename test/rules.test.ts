import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.ts";
import type { Case, CaseTable } from "./support/cases.ts";
import { scanFiles } from "./support/scan-files.ts";
import { CASE_ANCHOR, scanLiveCase, verifyCase } from "./support/fake-aws/harness.ts";
import { buildSarif } from "../src/report/sarif.ts";
import { formatJson } from "../src/report/json.ts";
import { sarifErrors } from "./support/sarif-schema.ts";
import { resultsErrors } from "./support/results-schema.ts";

const rulesDir = path.resolve(import.meta.dirname, "../rules");

function filesOf(c: Case): Record<string, string> {
  const files: Record<string, string> = { ...(c.files ?? {}) };
  if (c.cfn !== undefined) files["template.yaml"] = c.cfn;
  if (c.cfnJson !== undefined) files["template.json"] = c.cfnJson;
  if (c.tf !== undefined) files["main.tf"] = c.tf;
  if (c.config !== undefined) files[".trailguard.yml"] = c.config;
  return files;
}

function sourcesOf(c: Case): string[] {
  return [c.cfn !== undefined || c.cfnJson !== undefined ? "cloudformation" : null, c.tf !== undefined ? "terraform" : null, c.live || c.verify ? "live" : null].filter((s): s is string => s !== null);
}

async function resultsFor(ruleId: string, c: Case, strict: boolean) {
  const config = c.config !== undefined ? { config: c.config } : {};
  const live = c.live ?? c.verify;
  const run = c.verify ? (await verifyCase(c.verify, { strict, ...config })).run : c.live ? (await scanLiveCase(c.live, { strict, ...config })).run : await scanFiles(filesOf(c), { strict });
  const problems = run.notifications.filter((n) => n.level === "error" && !live?.expectNotifications?.includes(n.id));
  expect(problems, `no error notifications in case "${c.name}"`).toEqual([]);
  expect(run.summary.files, `case "${c.name}" scanned a file`).toBeGreaterThan(0);
  // Every run's reports honour their contracts.
  const sarif = buildSarif(run, { cwd: "/work", anchor: live ? CASE_ANCHOR : null });
  expect(sarifErrors(sarif)).toEqual([]);
  for (const r of sarif.runs[0]!.results ?? []) expect(r.locations?.[0]?.physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1);
  expect(resultsErrors(JSON.parse(formatJson(run)))).toEqual([]);
  return run.results.filter((r) => r.ruleId === ruleId);
}

function expectMatches(got: Awaited<ReturnType<typeof resultsFor>>, c: Case): void {
  const expected = c.errors ?? [];
  expect(expected.length, `case "${c.name}" lists what it expects`).toBeGreaterThan(0);
  const simple = got.map((r) => ({ messageId: r.messageId, line: r.loc.range?.startLine, column: r.loc.range?.startColumn, file: r.loc.file }));
  expect(simple.length, `results of "${c.name}": ${JSON.stringify(simple)}`).toBe(expected.length);
  expected.forEach((e, i) => {
    const r = got[i]!;
    expect(r.messageId).toBe(e.messageId);
    if (c.live || c.verify) expect(r.arn, `ARN of result ${i}`).toBe(e.arn);
    else {
      expect(r.loc.range?.startLine, `line of result ${i}`).toBe(e.line);
      expect(r.loc.range?.startColumn, `column of result ${i}`).toBe(e.column);
    }
    if (e.endLine !== undefined) expect(r.loc.range?.endLine).toBe(e.endLine);
    if (e.endColumn !== undefined) expect(r.loc.range?.endColumn).toBe(e.endColumn);
    if (e.message !== undefined) expect(r.message).toContain(e.message);
    if (e.file !== undefined) expect(r.loc.file).toBe(e.file);
    if (e.level !== undefined) expect(r.level).toBe(e.level);
  });
}

for (const rule of rules) {
  const { id, name, appliesTo } = rule.meta;
  describe(`${id} ${name}`, async () => {
    const folder = readdirSync(rulesDir).find((d) => d.startsWith(`${id}-`))!;
    const table = (await import(path.join(rulesDir, folder, "cases.ts"))).default as CaseTable;

    it("has two failing and two passing cases for every source it applies to", () => {
      for (const source of appliesTo) {
        expect(table.valid.filter((c) => sourcesOf(c).includes(source)).length, `${source} valid`).toBeGreaterThanOrEqual(2);
        expect(table.invalid.filter((c) => sourcesOf(c).includes(source)).length, `${source} invalid`).toBeGreaterThanOrEqual(2);
      }
      const names = [...table.valid, ...table.invalid, ...(table.review ?? [])].map((c) => c.name);
      expect(new Set(names).size, "case names are unique").toBe(names.length);
    });

    for (const c of table.valid) {
      it(`valid: ${c.name}`, async () => {
        expect(c.errors ?? []).toEqual([]);
        const got = await resultsFor(id, c, false);
        expect(got.map((r) => `${r.loc.range?.startLine ?? r.arn}:${r.loc.range?.startColumn ?? ""} ${r.message}`)).toEqual([]);
      });
    }
    for (const c of table.invalid) {
      it(`invalid: ${c.name}`, async () => {
        const got = await resultsFor(id, c, false);
        expect(got.every((r) => r.kind === "fail")).toBe(true);
        expectMatches(got, c);
      });
    }
    for (const c of table.review ?? []) {
      it(`review: ${c.name}`, async () => {
        expect(await resultsFor(id, c, false), "no result without --strict").toEqual([]);
        const got = await resultsFor(id, c, true);
        expect(got.every((r) => r.kind === "review")).toBe(true);
        expectMatches(got, c);
      });
    }
  });
}
