import type { Notification, Result } from "../engine/result.ts";
import type { RunResult } from "../run-result.ts";
import { ruleHelpUri } from "../version.ts";

/**
 * Characters XML 1.0 cannot carry at all, even as references: C0 controls other than tab, LF and
 * CR, lone surrogates, U+FFFE and U+FFFF. They become U+FFFD.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element content: `&` and `<` must be escaped, `>` too so that `]]>` can never appear. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Attribute values (double-quoted): also quotes, and whitespace that parsers would otherwise normalize. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

function attrs(list: Record<string, string | number | undefined>): string {
  return Object.entries(list)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
}

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly line?: number;
  readonly results: Result[];
}

function where(r: Result): string {
  if (r.loc.file) return r.loc.range ? `${r.loc.file}:${r.loc.range.startLine}:${r.loc.range.startColumn}` : r.loc.file;
  return r.arn ?? ([r.account, r.region].filter(Boolean).join(" ") || "account");
}

function detail(r: Result): string {
  const lines = [`${where(r)}: ${r.kind === "review" ? "review" : r.level}: ${r.message}`];
  if (r.instances && r.instances.length > 1) lines.push(`instances: ${r.instances.join(", ")}`);
  for (const x of r.related) lines.push(`related: ${x.loc.file ? `${x.loc.file}${x.loc.range ? `:${x.loc.range.startLine}` : ""}` : (x.loc.arn ?? x.loc.address)}: ${x.message}`);
  lines.push(`fingerprint: ${r.fingerprint}`);
  lines.push(`help: ${ruleHelpUri(r.ruleId, r.ruleName)}`);
  return lines.join("\n");
}

function testcase(c: Case, indent: string): { xml: string; failures: number; skipped: number } {
  const failing = c.results.filter((r) => !r.suppression && r.kind === "fail");
  const others = c.results.filter((r) => r.suppression || r.kind === "review");
  const head = `${indent}<testcase${attrs({ name: c.name, classname: c.classname, file: c.file, line: c.line, time: "0" })}`;
  if (!c.results.length) return { xml: `${head}/>`, failures: 0, skipped: 0 };
  const body: string[] = [];
  const inner = indent + "  ";
  if (!failing.length) {
    // Only suppressed results or reviews: the check did not fail, it was set aside.
    const why = others.map((r) => (r.suppression ? `suppressed (${r.suppression.kind}): ${r.suppression.reason}` : `review: ${r.message}`)).join("; ");
    body.push(`${inner}<skipped${attrs({ message: why })}/>`);
  }
  for (const r of failing) body.push(`${inner}<failure${attrs({ message: r.message, type: r.level })}>${xmlText(detail(r))}</failure>`);
  if (failing.length && others.length) body.push(`${inner}<system-out>${xmlText(others.map(detail).join("\n\n"))}</system-out>`);
  return { xml: `${head}>\n${body.join("\n")}\n${indent}</testcase>`, failures: failing.length ? 1 : 0, skipped: failing.length ? 0 : 1 };
}

function casesOf(results: readonly Result[]): Case[] {
  const byKey = new Map<string, Case>();
  for (const r of results) {
    const key = JSON.stringify([r.loc.file ?? null, r.address]);
    let c = byKey.get(key);
    if (!c) {
      const name = r.loc.file ? `${r.address} (${r.loc.file})` : r.address;
      c = { name, classname: `${r.ruleId}.${r.ruleName}`, ...(r.loc.file ? { file: r.loc.file } : {}), ...(r.loc.range ? { line: r.loc.range.startLine } : {}), results: [] };
      byKey.set(key, c);
    }
    c.results.push(r);
  }
  return [...byKey.values()];
}

function notificationCase(n: Notification, indent: string): string {
  const where = n.file ? `${n.file}${n.line ? `:${n.line}` : ""}` : "";
  const head = `${indent}<testcase${attrs({ name: `${n.id}${where ? ` (${where})` : ""}`, classname: "trailguard.notifications", file: n.file, line: n.line, time: "0" })}>`;
  return `${head}\n${indent}  <error${attrs({ message: n.message, type: n.id })}>${xmlText(`${where ? where + ": " : ""}${n.message}`)}</error>\n${indent}</testcase>`;
}

/**
 * The `junit` format, for CI test-report viewers: one test suite per enabled rule, one test case
 * per rule and resource (a rule without results passes as one case), a `failure` per result,
 * `skipped` when every result of the case is suppressed or a review. Error notifications (a file
 * that cannot be parsed) are test errors in a last suite; the others are its system-out.
 */
export function formatJunit(run: RunResult): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const byRule = new Map<string, Result[]>();
  for (const r of run.results) {
    const list = byRule.get(r.ruleId);
    if (list) list.push(r);
    else byRule.set(r.ruleId, [r]);
  }
  const ids = [...new Set([...run.rules.filter((r) => run.levels.get(r.meta.id) !== "off").map((r) => r.meta.id), ...byRule.keys()])].sort();
  const names = new Map<string, string>(run.rules.map((r) => [r.meta.id, r.meta.name] as const));

  for (const id of ids) {
    const results = byRule.get(id) ?? [];
    const name = names.get(id) ?? results[0]?.ruleName ?? id;
    const cases = results.length ? casesOf(results) : [{ name: "no findings", classname: `${id}.${name}`, results: [] }];
    let f = 0;
    let sk = 0;
    const xml = cases.map((c) => {
      const t = testcase(c, "    ");
      f += t.failures;
      sk += t.skipped;
      return t.xml;
    });
    tests += cases.length;
    failures += f;
    suites.push(`  <testsuite${attrs({ name: `${id} ${name}`, tests: cases.length, failures: f, errors: 0, skipped: sk, time: "0" })}>\n${xml.join("\n")}\n  </testsuite>`);
  }

  const bad = run.notifications.filter((n) => n.level === "error");
  const rest = run.notifications.filter((n) => n.level !== "error");
  if (run.notifications.length) {
    const body = bad.map((n) => notificationCase(n, "    "));
    if (rest.length) body.push(`    <system-out>${xmlText(rest.map((n) => `${n.level}: ${n.file ? `${n.file}${n.line ? `:${n.line}` : ""}: ` : ""}${n.id}: ${n.message}`).join("\n"))}</system-out>`);
    tests += bad.length;
    errors += bad.length;
    suites.push(`  <testsuite${attrs({ name: "trailguard notifications", tests: bad.length, failures: 0, errors: bad.length, skipped: 0, time: "0" })}>\n${body.join("\n")}\n  </testsuite>`);
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: `trailguard ${run.version}`, tests, failures, errors, time: "0" })}>`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}
