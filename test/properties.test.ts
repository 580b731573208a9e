/**
 * "Unknown is not bad", as a property: in any failing case of any rule, replacing one known value by
 * something unresolvable (an unset Terraform variable, a CloudFormation parameter without a default)
 * never adds a failing result. Fingerprints are stable when lines are added above.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Case, CaseTable } from "./support/cases.ts";
import { scanFiles } from "./support/scan-files.ts";
import type { RunResult } from "../src/run-result.ts";

const rulesDir = path.resolve(import.meta.dirname, "../rules");

async function loadCases(): Promise<Case[]> {
  const out: Case[] = [];
  for (const d of readdirSync(rulesDir).filter((x) => /^TG\d{3}-/.test(x)).sort()) {
    try {
      const table = (await import(path.join(rulesDir, d, "cases.ts"))).default as CaseTable;
      out.push(...table.invalid);
    } catch {
      // a catalog folder without cases (not registered yet)
    }
  }
  return out;
}

/** Values that decide whether a resource exists or how a file is read are not "values" here. */
const TF_SKIP = new Set(["count", "for_each", "source", "version", "default", "type", "provider", "depends_on"]);
const CFN_SKIP = new Set(["Type", "Condition", "AWSTemplateFormatVersion", "Version", "Default", "DependsOn", "Transform"]);

const TF_LITERAL = /^(\s*)([a-z_][a-z0-9_]*)(\s*=\s*)("(?:[^"\\$%]|\\.)*"|true|false|-?\d+(?:\.\d+)?)\s*$/;
const CFN_LITERAL = /^(\s*(?:- )?)([A-Za-z][A-Za-z0-9]*)(:\s+)("[^"]*"|'[^']*'|true|false|-?\d+|[A-Za-z][\w.-]*)\s*$/;

interface Site {
  readonly line: number;
}

function tfSites(text: string): Site[] {
  const sites: Site[] = [];
  let heredoc: string | null = null;
  text.split("\n").forEach((l, i) => {
    if (heredoc) {
      if (l.trim() === heredoc) heredoc = null;
      return;
    }
    const h = /<<-?(\w+)\s*$/.exec(l);
    if (h) {
      heredoc = h[1]!;
      return;
    }
    const m = TF_LITERAL.exec(l);
    if (m && !TF_SKIP.has(m[2]!)) sites.push({ line: i });
  });
  return sites;
}

function cfnSites(text: string): Site[] {
  const sites: Site[] = [];
  let inConditions = false;
  text.split("\n").forEach((l, i) => {
    if (/^\S/.test(l)) inConditions = /^(Conditions|Parameters|Mappings):/.test(l);
    const m = CFN_LITERAL.exec(l);
    if (!inConditions && m && !CFN_SKIP.has(m[2]!)) sites.push({ line: i });
  });
  return sites;
}

function unsetTf(text: string, line: number): string {
  const lines = text.split("\n");
  lines[line] = lines[line]!.replace(TF_LITERAL, "$1$2$3var.tg_unset");
  return lines.join("\n") + '\nvariable "tg_unset" {}\n';
}

function unsetCfn(text: string, line: number): string {
  const lines = text.split("\n");
  lines[line] = lines[line]!.replace(CFN_LITERAL, "$1$2$3!Ref TgUnset");
  const out = lines.join("\n");
  return /^Parameters:/m.test(out) ? out.replace(/^Parameters:\n/m, "Parameters:\n  TgUnset: { Type: String }\n") : "Parameters:\n  TgUnset: { Type: String }\n" + out;
}

function failures(run: RunResult): Set<string> {
  return new Set(run.results.filter((r) => r.kind === "fail").map((r) => `${r.ruleId}|${r.loc.file}|${r.address}|${r.messageId}|${r.key}`));
}

function filesOf(c: Case, tf?: string, cfn?: string): Record<string, string> {
  const files: Record<string, string> = { ...(c.files ?? {}) };
  if (c.config !== undefined) files[".trailguard.yml"] = c.config;
  if (c.tf !== undefined) files["main.tf"] = tf ?? c.tf;
  if (c.cfn !== undefined) files["template.yaml"] = cfn ?? c.cfn;
  if (c.cfnJson !== undefined) files["template.json"] = c.cfnJson;
  return files;
}

describe("properties of every failing case", async () => {
  const all = await loadCases();
  const withSites = all
    .map((c) => ({ c, tf: c.tf ? tfSites(c.tf) : [], cfn: c.cfn ? cfnSites(c.cfn) : [] }))
    .filter((x) => x.tf.length + x.cfn.length > 0);

  it("replacing a known value by an unresolvable one never adds a failing result", async () => {
    expect(withSites.length).toBeGreaterThan(10);
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), async (ci, si) => {
        const { c, tf, cfn } = withSites[ci % withSites.length]!;
        const sites = [...tf.map((s) => ({ ...s, kind: "tf" as const })), ...cfn.map((s) => ({ ...s, kind: "cfn" as const }))];
        const site = sites[si % sites.length]!;
        const before = failures(await scanFiles(filesOf(c)));
        const changed = site.kind === "tf" ? filesOf(c, unsetTf(c.tf!, site.line)) : filesOf(c, undefined, unsetCfn(c.cfn!, site.line));
        const after = failures(await scanFiles(changed));
        const added = [...after].filter((k) => !before.has(k));
        expect(added, `case "${c.name}", line ${site.line + 1} made unknown`).toEqual([]);
      }),
      { numRuns: 80, seed: 20261126 },
    );
  });

  it("fingerprints do not change when lines are added above", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 1, max: 5 }), async (ci, n) => {
        const c = all[ci % all.length]!;
        const before = await scanFiles(filesOf(c));
        const pad = (t: string | undefined, comment: string) => (t === undefined ? undefined : comment.repeat(n) + t);
        const after = await scanFiles(filesOf(c, pad(c.tf, "# added\n"), pad(c.cfn, "# added\n")));
        const fp = (r: RunResult) => r.results.map((x) => x.fingerprint).sort();
        expect(fp(after)).toEqual(fp(before));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
