import { describe, expect, it } from "vitest";
import type { Result } from "../../src/engine/result.ts";
import { MAX_SUMMARY_BYTES, escapeMarkdown, formatMarkdown } from "../../src/report/markdown.ts";
import { ruleHelpUri } from "../../src/version.ts";
import { cli } from "../support/cli.ts";
import { tempTree } from "../support/scan-files.ts";
import { FLAWED, accountLevel, flawedRun, variant, withResults } from "./fixtures.ts";

describe("markdown format (job summary, pull-request comment)", () => {
  it("counts, then every result grouped by rule with a link to the rule's help, then notifications", async () => {
    const run = await flawedRun();
    const suppressed = variant(run.results.find((r) => r.ruleId === "TG012")!, { suppression: { kind: "external", reason: "Insights run in the security account" } });
    const account = accountLevel(run.results.find((r) => r.ruleId === "TG002")!);
    const results = [...run.results.filter((r) => r.ruleId !== "TG012"), suppressed, account];
    const md = formatMarkdown(withResults(run, results), { fileLinkBase: "https://github.com/o/r/blob/abc123/" });

    expect(md.startsWith("## trailguard\n\n")).toBe(true);
    expect(md).toContain(`| ${run.summary.error} | ${run.summary.warning} | ${run.summary.note} |`);
    for (const id of new Set(results.map((r) => r.ruleId))) {
      const rule = run.rules.find((r) => r.meta.id === id)!;
      expect(md).toMatch(new RegExp(`^### ${id} ${rule.meta.name.replace(/-/g, "\\-")} \\(`, "m"));
      expect(md).toContain(`[Rule help](${ruleHelpUri(id, rule.meta.name)})`);
    }
    // One table row per result, linked to its lines.
    const rows = md.split("\n").filter((l) => /^\| (error|warning|note|review|suppressed) \|/.test(l));
    expect(rows).toHaveLength(results.length);
    const tg003 = run.results.find((r) => r.ruleId === "TG003")!;
    const at = tg003.loc.range!;
    expect(md).toContain(`[flawed.yaml:${at.startLine}:${at.startColumn}](https://github.com/o/r/blob/abc123/flawed.yaml#L${at.startLine})`);
    // The account-level result has no line but is listed, as is the suppressed one with its reason.
    expect(md).toMatch(/^\| error \| 111122223333 us-east-1 \| arn:aws:iam::111122223333:root \| Account 111122223333 has no multi-region trail/m);
    expect(md).toMatch(/^\| suppressed \| .* \(suppressed: Insights run in the security account\) \|$/m);
    // Groups with errors come before groups with only warnings.
    expect(md.indexOf("### TG003")).toBeLessThan(md.indexOf("### TG005"));
    expect(md).not.toContain("Truncated");
  });

  it("escapes what would turn into markup, HTML or a new cell", () => {
    expect(escapeMarkdown("a|b <script>x</script> *bold* [l](u) `c` &amp;\nnext")).toBe(
      "a\\|b \\<script\\>x\\</script\\> \\*bold\\* \\[l\\](u) \\`c\\` &amp;amp; next",
    );
  });

  it("stays under 1 MiB with many results, with a note saying how many are left out", async () => {
    const run = await flawedRun();
    const base = run.results[0]!;
    const many: Result[] = [];
    for (let i = 0; i < 12_000; i++) {
      const file = `stacks/team-${i % 50}/stack-${i}.yaml`;
      many.push(variant(base, { loc: { ...base.loc, file }, message: `Bucket bucket-${i} lets the logs of trail trail-${i} be deleted: it has no Object Lock retention of 365 days.` }));
    }
    const md = formatMarkdown(withResults(run, many));
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(Buffer.byteLength(md)).toBeGreaterThan(MAX_SUMMARY_BYTES - 2048);
    const shown = md.split("\n").filter((l) => l.startsWith("| error |")).length;
    expect(shown).toBeGreaterThan(1000);
    expect(md.trimEnd().split("\n").at(-1)).toBe(`> **Truncated:** ${many.length - shown} results not shown, to stay within 1024 KiB. The SARIF or JSON report has them all.`);

    const small = formatMarkdown(withResults(run, many), { maxBytes: 4096 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(4096);
    expect(small).toMatch(/Truncated:\*\* \d+ results not shown, to stay within 4 KiB/);
  });

  it("is a CLI format: --format markdown", () => {
    const dir = tempTree({ "t.yaml": FLAWED });
    const r = cli(["scan", "--format", "markdown"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^## trailguard\n/);
    expect(r.stdout).toMatch(/^### TG003 log\\?-file\\?-validation\\?-disabled \(error\): 1 result$/m);
  });
});
