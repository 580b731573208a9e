import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatJunit, xmlAttr, xmlText } from "../../src/report/junit.ts";
import { cli } from "../support/cli.ts";
import { tempTree } from "../support/scan-files.ts";
import { FLAWED, accountLevel, flawedRun, variant, withResults } from "./fixtures.ts";

const XSD = path.join(import.meta.dirname, "junit.xsd");

/** libxml2's xmllint (Debian: libxml2-utils, installed by .ci/run): the schema validator and XPath reader. */
function xmllint(args: readonly string[]): { code: number; out: string; err: string } {
  const r = spawnSync("xmllint", args, { encoding: "utf8" });
  if (r.error) throw new Error("xmllint is missing: install Debian's libxml2-utils (apt-get install libxml2-utils); .ci/run does it");
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

function validate(xml: string): string {
  const file = path.join(tempTree({}), "report.xml");
  writeFileSync(file, xml);
  const r = xmllint(["--noout", "--schema", XSD, file]);
  expect(r.err.trim()).toBe(`${file} validates`);
  expect(r.code).toBe(0);
  return file;
}

/** An XPath value as xmllint prints it, less the line break it adds. */
const xpath = (file: string, expr: string) => xmllint(["--xpath", expr, file]).out.replace(/\n$/, "");

describe("junit format", () => {
  it("xmllint is installed (the validator these tests rely on)", () => {
    expect(() => xmllint(["--version"]), "install Debian's libxml2-utils").not.toThrow();
  });

  it("validates against the JUnit schema; one test case per rule and resource, a failure per result", () => {
    const config = "suppressions:\n  - { rule: TG012, resource: Trail, reason: Insights run in the security account }\n";
    const dir = tempTree({ "flawed.yaml": FLAWED, "broken.yaml": "Resources:\n  A: {\n  B: 1\n", ".trailguard.yml": config });
    const r = cli(["scan", "--format", "junit=out/report.xml", "--format", "json"], dir);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { results: { ruleId: string; resource: string; file: string; suppressed: boolean; kind: string }[] };
    const file = validate(readFileSync(path.join(dir, "out/report.xml"), "utf8"));

    const failing = json.results.filter((x) => !x.suppressed && x.kind === "fail");
    expect(xpath(file, "count(//testcase/failure)")).toBe(String(failing.length));
    const cases = new Set(json.results.map((x) => `${x.ruleId} ${x.file} ${x.resource}`));
    expect(xpath(file, "count(//testsuite[starts-with(@name,'TG')]/testcase[@file])")).toBe(String(cases.size));
    // The suppressed result is a skipped case carrying the reason.
    expect(xpath(file, "string(//testsuite[starts-with(@name,'TG012 ')]/testcase/skipped/@message)")).toBe("suppressed (external): Insights run in the security account");
    // A rule without results passes as one case.
    expect(xpath(file, "count(//testsuite[starts-with(@name,'TG004 ')]/testcase[not(*)])")).toBe("1");
    // The file that cannot be parsed is a test error.
    expect(xpath(file, "string(//testsuite[@name='trailguard notifications']/testcase/error/@type)")).toBe("parse-error");
    // The totals add up.
    expect(xpath(file, "string(/testsuites/@tests)")).toBe(xpath(file, "count(//testcase)"));
    expect(xpath(file, "string(/testsuites/@failures)")).toBe(xpath(file, "count(//testcase[failure])"));
    expect(xpath(file, "string(/testsuites/@errors)")).toBe(xpath(file, "count(//testcase[error])"));
    expect(xpath(file, "sum(//testsuite/@skipped)")).toBe(xpath(file, "count(//testcase[skipped])"));
    const tg002 = json.results.find((x) => x.ruleId === "TG002")!;
    expect(xpath(file, "string(//testsuite[starts-with(@name,'TG002 ')]/testcase/@name)")).toBe(`${tg002.resource} (flawed.yaml)`);
  });

  it("escapes markup and quotes, keeps line breaks in attributes, and replaces characters XML cannot hold", async () => {
    expect(xmlText("a < b && c > d ]]>")).toBe("a &lt; b &amp;&amp; c &gt; d ]]&gt;");
    expect(xmlAttr(`say "hi" & 'bye'\n\tnext`)).toBe("say &quot;hi&quot; &amp; &apos;bye&apos;&#10;&#9;next");
    expect(xmlText("bell\u0007 lone\uD800 pair\uD83D\uDE00 nul\u0000")).toBe("bell\uFFFD lone\uFFFD pair\uD83D\uDE00 nul\uFFFD");

    const run = await flawedRun();
    const nasty = `Trail "<prod>" & 'audit'\n]]> \u0001 ${"\uDC00"} ok`;
    const results = [variant(run.results[0]!, { message: nasty, address: 'Trail"<x>' }), accountLevel(run.results[1]!)];
    const file = validate(formatJunit(withResults(run, results)));
    expect(xpath(file, "string((//failure)[1]/@message)")).toBe(`Trail "<prod>" & 'audit'\n]]> \uFFFD \uFFFD ok`);
    expect(xpath(file, "string((//testcase[failure])[1]/@name)")).toBe(`Trail"<x> (flawed.yaml)`);
    // The account-level result has no file attribute and names its ARN.
    expect(xpath(file, "string((//testcase[failure])[2]/@name)")).toBe("arn:aws:iam::111122223333:root");
    expect(xpath(file, "count((//testcase[failure])[2]/@file)")).toBe("0");
  });
});
