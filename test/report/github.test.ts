import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub, mostSevereFirst, resultAnnotation, workflowCommand } from "../../src/report/github.ts";
import { cli } from "../support/cli.ts";
import { tempTree } from "../support/scan-files.ts";
import { FLAWED, accountLevel, flawedRun, variant, withResults } from "./fixtures.ts";

/** The runner's decoding of a workflow command line (properties split at `,`, then `=`; %XX decoded). */
function decode(line: string): { command: string; props: Record<string, string>; message: string } {
  const m = /^::([a-z]+)(?: ([^:]*))?::(.*)$/s.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  const props: Record<string, string> = {};
  for (const p of (m[2] ?? "").split(",").filter(Boolean)) props[p.slice(0, p.indexOf("="))] = unescape(p.slice(p.indexOf("=") + 1));
  return { command: m[1]!, props, message: unescape(m[3]!) };
}

describe("github format (workflow commands)", () => {
  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(escapeProperty("dir/a,b:c%.yaml\n")).toBe("dir/a%2Cb%3Ac%25.yaml%0A");
    // %25 first: an escape sequence already in the text is not decoded into something else.
    expect(escapeData("%0A")).toBe("%250A");
  });

  it("writes one command per result with file, lines, columns and title, decoded back exactly", async () => {
    const run = await flawedRun();
    const tg003 = run.results.find((r) => r.ruleId === "TG003")!;
    const tricky = variant(tg003, { message: "50% of the logs:\r\nnot validated, at all", loc: { ...tg003.loc, file: "dir/a,b:c%.yaml" } });
    const line = workflowCommand(resultAnnotation(tricky));
    const r = tg003.loc.range!;
    expect(line).toBe(
      `::error file=dir/a%2Cb%3Ac%25.yaml,line=${r.startLine},endLine=${r.endLine},col=${r.startColumn},endColumn=${r.endColumn},title=TG003 log-file-validation-disabled::50%25 of the logs:%0D%0Anot validated, at all`,
    );
    expect(line).not.toContain("\n");
    expect(decode(line)).toEqual({
      command: "error",
      props: { file: "dir/a,b:c%.yaml", line: String(r.startLine), endLine: String(r.endLine), col: String(r.startColumn), endColumn: String(r.endColumn), title: "TG003 log-file-validation-disabled" },
      message: "50% of the logs:\r\nnot validated, at all",
    });
  });

  it("errors first, then warnings, then notes and reviews as notices; suppressed results are left out", async () => {
    const run = await flawedRun();
    const note = run.results.find((r) => r.level === "note")!;
    const warning = run.results.find((r) => r.level === "warning")!;
    const review = variant(warning, { kind: "review", message: "Trail example-flawed: its KMS key is unknown." });
    const suppressed = variant(run.results.find((r) => r.ruleId === "TG002")!, { suppression: { kind: "inSource", reason: "sandbox" } });
    const others = run.results.filter((r) => r.ruleId !== "TG002");
    const out = formatGithub(withResults(run, [review, ...others, suppressed]));
    const lines = out.trimEnd().split("\n").map(decode);
    expect(lines.map((l) => l.command)).toEqual([
      ...others.filter((r) => r.level === "error").map(() => "error"),
      ...others.filter((r) => r.level === "warning").map(() => "warning"),
      ...others.filter((r) => r.level === "note").map(() => "notice"),
      "notice",
    ]);
    expect(lines.at(-1)!.props["title"]).toBe(`${warning.ruleId} ${warning.ruleName} (review)`);
    expect(lines.find((l) => l.props["title"]?.startsWith(note.ruleId))!.command).toBe("notice");
    expect(out).not.toContain("TG002");
    // Within a level, the rule of higher security severity comes first.
    const severity = new Map<string, number>(run.rules.map((r) => [r.meta.id, r.meta.securitySeverity]));
    const errors = mostSevereFirst(run).filter((r) => r.level === "error").map((r) => severity.get(r.ruleId)!);
    expect(errors).toEqual([...errors].sort((a, b) => b - a));
  });

  it("a result without a file (account-level, live) has no file property and names its ARN", async () => {
    const run = await flawedRun();
    const account = accountLevel(run.results[0]!);
    const line = formatGithub(withResults(run, [account])).trimEnd();
    expect(line).toMatch(/^::error title=TG\d{3} [a-z-]+::Account 111122223333 has no multi-region trail/);
    expect(line).not.toMatch(/file=|line=/);
    expect(line.endsWith("(arn:aws:iam::111122223333:root)")).toBe(true);
  });

  it("notifications become annotations too (a parse error on its file and line)", () => {
    const dir = tempTree({ "t.yaml": FLAWED, "broken.yaml": "Resources:\n  A: {\n  B: 1\n" });
    const r = cli(["scan", "--format", "github"], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines.every((l) => l.startsWith("::"))).toBe(true);
    const parse = lines.map(decode).find((l) => l.props["title"] === "trailguard parse-error")!;
    expect(parse.command).toBe("error");
    expect(parse.props["file"]).toBe("broken.yaml");
    expect(Number(parse.props["line"])).toBeGreaterThan(0);
    expect(lines.map(decode).filter((l) => l.props["file"] === "t.yaml").length).toBeGreaterThan(5);
  });
});
