import type * as Sarif from "sarif";
import type { Notification, Result } from "../engine/result.ts";
import type { Rule } from "../engine/rule.ts";
import type { Loc } from "../model/location.ts";
import type { FileFix, RunResult } from "../run-result.ts";
import { LineIndex } from "../parse/positions.ts";
import { HOMEPAGE, ruleHelpUri } from "../version.ts";
import { jsonPieces } from "./json-pieces.ts";

/** GitHub code scanning accepts at most this many results per run. */
export const MAX_SARIF_RESULTS = 25_000;

/** A relative path as a percent-encoded URI reference (segments encoded, `/` kept). */
export function pathToUri(rel: string): string {
  return rel
    .split("/")
    .map((s) => (s === ".." || s === "." ? s : encodeURIComponent(s)))
    .join("/");
}

export interface SarifOptions {
  /** Absolute working directory, for originalUriBaseIds. */
  readonly cwd: string;
  /** Live scans: the file results point at (GitHub needs a physical location). */
  readonly anchor?: string | null;
}

function physical(loc: Loc, anchor: string | null | undefined): Sarif.PhysicalLocation | undefined {
  if (loc.file && loc.range) {
    const r = loc.range;
    return {
      artifactLocation: { uri: pathToUri(loc.file), uriBaseId: "%SRCROOT%" },
      region: { startLine: r.startLine, startColumn: r.startColumn, endLine: r.endLine, endColumn: r.endColumn },
    };
  }
  if (loc.file) return { artifactLocation: { uri: pathToUri(loc.file), uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } };
  if (anchor) return { artifactLocation: { uri: pathToUri(anchor), uriBaseId: "%SRCROOT%" }, region: { startLine: 1 } };
  return undefined;
}

function location(loc: Loc, anchor: string | null | undefined): Sarif.Location {
  const p = physical(loc, anchor);
  const out: Sarif.Location = {};
  if (p) out.physicalLocation = p;
  if (loc.arn) out.logicalLocations = [{ fullyQualifiedName: loc.arn, kind: "resource" }];
  return out;
}

/** The first paragraph of a rule's doc after its title: the full description. */
export function docParagraph(doc: string): string {
  const body = doc.replace(/^#[^\n]*\n+/, "");
  return (body.split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").trim();
}

export function ruleTags(rule: Rule): string[] {
  return [
    ...rule.meta.tags,
    ...(rule.meta.controls.cis ?? []).map((c) => `CIS-AWS/${c}`),
    ...(rule.meta.controls.securityHub ?? []).map((c) => `SecurityHub/${c}`),
  ];
}

export function sarifRule(rule: Rule): Sarif.ReportingDescriptor {
  const m = rule.meta;
  return {
    id: m.id,
    name: m.name,
    shortDescription: { text: m.summary },
    fullDescription: { text: docParagraph(rule.doc) || m.summary },
    help: { text: rule.doc, markdown: rule.doc },
    helpUri: ruleHelpUri(m.id, m.name),
    defaultConfiguration: { level: m.level },
    properties: {
      tags: ruleTags(rule),
      precision: m.precision,
      "security-severity": m.securitySeverity.toFixed(1),
      equivalents: m.equivalents,
    },
  };
}

function notification(n: Notification): Sarif.Notification {
  const out: Sarif.Notification = { level: n.level, message: { text: n.message }, descriptor: { id: n.id } };
  if (n.file) {
    const region: Sarif.Region = n.line ? { startLine: n.line, ...(n.column ? { startColumn: n.column } : {}) } : { startLine: 1 };
    out.locations = [{ physicalLocation: { artifactLocation: { uri: pathToUri(n.file), uriBaseId: "%SRCROOT%" }, region } }];
  }
  return out;
}

/** A result's fix as a SARIF replacement (an insertion deletes an empty region). `lines` indexes `fix.before`. */
function sarifFix(fix: FileFix, lines: LineIndex): Sarif.Fix {
  const a = lines.position(fix.edit.start);
  const b = lines.position(fix.edit.end);
  return {
    description: { text: fix.description ?? (fix.edit.start === fix.edit.end ? "Add the setting" : "Change the value") },
    artifactChanges: [
      {
        artifactLocation: { uri: pathToUri(fix.file), uriBaseId: "%SRCROOT%" },
        replacements: [{ deletedRegion: { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column }, insertedContent: { text: fix.edit.text } }],
      },
    ],
  };
}

function result(r: Result, ruleIndex: number, anchor: string | null | undefined, fix: FileFix | undefined, linesOf: (text: string) => LineIndex): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: r.ruleId,
    ruleIndex,
    kind: r.kind === "review" ? "review" : "fail",
    level: r.kind === "review" ? "none" : r.level,
    message: { text: r.message },
    locations: [location(r.loc, anchor)],
    partialFingerprints: { "trailguard/v1": r.fingerprint },
  };
  if (r.related.length) out.relatedLocations = r.related.map((x, i) => ({ id: i + 1, ...location(x.loc, null), message: { text: x.message } }));
  if (fix) out.fixes = [sarifFix(fix, linesOf(fix.before))];
  if (r.suppression) out.suppressions = [{ kind: r.suppression.kind, justification: r.suppression.reason, status: "accepted" }];
  if (r.instances && r.instances.length) out.properties = { instances: [...r.instances] };
  return out;
}

const SEVERITY: Record<string, number> = { error: 0, warning: 1, note: 2 };

/** SARIF 2.1.0, one run, as cli.md specifies. */
export function buildSarif(run: RunResult, opts: SarifOptions): Sarif.Log {
  const rules = [...run.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const index = new Map<string, number>(rules.map((r, i) => [r.meta.id, i]));
  const notifications = run.notifications.map(notification);
  let results = run.results;
  if (results.length > MAX_SARIF_RESULTS) {
    results = [...results].sort((a, b) => (SEVERITY[a.level] ?? 3) - (SEVERITY[b.level] ?? 3)).slice(0, MAX_SARIF_RESULTS);
    notifications.push({ level: "warning", message: { text: `only the ${MAX_SARIF_RESULTS} most severe of ${run.results.length} results are in this log (GitHub's limit)` }, descriptor: { id: "results-truncated" } });
  }
  const overrides: Sarif.ConfigurationOverride[] = [];
  for (const r of rules) {
    const level = run.levels.get(r.meta.id);
    if (level === "off") overrides.push({ descriptor: { id: r.meta.id, index: index.get(r.meta.id)! }, configuration: { enabled: false } });
    else if (level && level !== r.meta.level) overrides.push({ descriptor: { id: r.meta.id, index: index.get(r.meta.id)! }, configuration: { level } });
  }
  const invocation: Sarif.Invocation = { executionSuccessful: run.exitCode !== 2, toolExecutionNotifications: notifications };
  if (overrides.length) invocation.ruleConfigurationOverrides = overrides;
  // One line index per text, however many of its results have fixes.
  const indexes = new Map<string, LineIndex>();
  const linesOf = (text: string): LineIndex => {
    let lines = indexes.get(text);
    if (!lines) indexes.set(text, (lines = new LineIndex(text)));
    return lines;
  };
  const cwdUri = new URL(`file://${opts.cwd.endsWith("/") ? opts.cwd : opts.cwd + "/"}`).href;
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "trailguard", semanticVersion: run.version, version: run.version, informationUri: HOMEPAGE, rules: rules.map(sarifRule) } },
        automationDetails: { id: run.automationId },
        originalUriBaseIds: { "%SRCROOT%": { uri: cwdUri } },
        columnKind: "utf16CodeUnits",
        invocations: [invocation],
        results: results.map((r) => result(r, index.get(r.ruleId) ?? -1, opts.anchor, run.fixes?.get(r.fingerprint), linesOf)),
      },
    ],
  };
}

/** The SARIF log in pieces (see jsonPieces): a large one is written without being one string first. */
export function sarifPieces(run: RunResult, opts: SarifOptions): Iterable<string> {
  return jsonPieces(buildSarif(run, opts));
}

export function formatSarif(run: RunResult, opts: SarifOptions): string {
  return [...sarifPieces(run, opts)].join("");
}
