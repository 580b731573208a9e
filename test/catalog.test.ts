import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../rules/index.ts";
import facts from "../rules/facts.json" with { type: "json" };
import configSchema from "../schemas/config.schema.json" with { type: "json" };
import { CATALOG } from "../src/engine/catalog.ts";
import { rulesMarkdown } from "../src/report/catalog.ts";
import { MONITORING_CLASS_IDS } from "../src/semantics/monitoring/classes.ts";

const root = path.resolve(import.meta.dirname, "..");
const specFile = path.resolve(root, "../shared/spec/rules.md");
const HEADINGS = ["## Why it matters", "## What fails", "## How to fix", "### Terraform", "### CloudFormation", "## Equivalent checks", "## References"];
const BANDS = { error: [7, 9], warning: [4, 6.9], note: [1, 3.9] } as const;

describe("the rule catalog", () => {
  it("matches the contract in shared/spec/rules.md (IDs, names, default levels)", () => {
    expect(existsSync(specFile), `${specFile} is needed to check the contract`).toBe(true);
    const spec = readFileSync(specFile, "utf8");
    const rows = [...spec.matchAll(/^\| (TG\d{3}) \| ([a-z0-9-]+) \| (error|warning|note) \|/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows.length).toBe(21);
    expect(CATALOG.slice(0, rows.length)).toEqual(rows);
    const flat = spec.replace(/\s+/g, " ");
    for (const [id, name] of CATALOG.slice(rows.length)) expect(flat).toContain(`${id} ${name}`);
  });

  it("registered rules agree with the catalog, in ID order, each with its own folder", () => {
    const ids = rules.map((r) => r.meta.id);
    expect([...ids].sort()).toEqual(ids);
    for (const r of rules) {
      const row = CATALOG.find(([id]) => id === r.meta.id);
      expect(row, r.meta.id).toBeDefined();
      expect([r.meta.name, r.meta.level]).toEqual([row![1], row![2]]);
      expect(existsSync(path.join(root, "rules", `${r.meta.id}-${r.meta.name}`, "rule.ts"))).toBe(true);
      const [lo, hi] = BANDS[r.meta.level];
      expect(r.meta.securitySeverity).toBeGreaterThanOrEqual(lo);
      expect(r.meta.securitySeverity).toBeLessThanOrEqual(hi);
      expect(r.meta.tags).toEqual(expect.arrayContaining(["security", "cloudtrail"]));
      expect(r.meta.appliesTo.length).toBeGreaterThan(0);
    }
  });

  it("every catalog rule has its help, with the fixed outline", () => {
    for (const [id, name] of CATALOG.slice(0, 21)) {
      const file = path.join(root, "rules", `${id}-${name}`, "doc.md");
      expect(existsSync(file), file).toBe(true);
      const doc = readFileSync(file, "utf8");
      expect(doc.split("\n")[0]).toBe(`# ${id} ${name}`);
      let at = 0;
      for (const h of HEADINGS) {
        const i = doc.indexOf(`\n${h}\n`, at);
        expect(i, `${id}: "${h}" in order`).toBeGreaterThan(at - 1);
        at = i;
      }
      expect(doc).toMatch(/```hcl\n[\s\S]+?```/);
      expect(doc).toMatch(/```yaml\n[\s\S]+?```/);
    }
    const folders = readdirSync(path.join(root, "rules")).filter((d) => /^TG\d{3}-/.test(d));
    for (const f of folders) expect(CATALOG.some(([id, name]) => f === `${id}-${name}`), `rules/${f} is a catalog rule`).toBe(true);
  });

  it("facts.json covers every catalog rule with severities in their level's band", () => {
    for (const [id, , level] of CATALOG) {
      const f = (facts as Record<string, { securitySeverity: number }>)[id];
      expect(f, id).toBeDefined();
      const [lo, hi] = BANDS[level];
      expect(f!.securitySeverity).toBeGreaterThanOrEqual(lo);
      expect(f!.securitySeverity).toBeLessThanOrEqual(hi);
    }
  });

  it("the configuration schema's monitoring classes are the event-class table's", () => {
    const items = (configSchema.properties.monitoring.oneOf[1] as { items: { enum: string[] } }).items.enum;
    expect(items).toEqual([...MONITORING_CLASS_IDS]);
  });

  it("the configuration schema accepts exactly the catalog's IDs and names", () => {
    const names = (configSchema.properties.rules.propertyNames as { enum: string[] }).enum;
    expect(new Set(names)).toEqual(new Set(CATALOG.flatMap(([id, name]) => [id, name])));
  });

  it("the README's rule table is generated from the rules' metadata (npm run docs)", () => {
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const m = /<!-- rules:start -->\n([\s\S]*?)<!-- rules:end -->/.exec(readme);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(rulesMarkdown(rules));
  });
});

describe("dist/", () => {
  it("is up to date with src/ (npm run build)", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--check"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
