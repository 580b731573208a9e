import type { Result } from "../engine/result.ts";
import type { RunResult } from "../run-result.ts";
import { jsonPieces } from "./json-pieces.ts";

function range(r: { range?: { startLine: number; startColumn: number; endLine: number; endColumn: number } }) {
  return {
    startLine: r.range?.startLine ?? null,
    startColumn: r.range?.startColumn ?? null,
    endLine: r.range?.endLine ?? null,
    endColumn: r.range?.endColumn ?? null,
  };
}

function result(r: Result) {
  return {
    ruleId: r.ruleId,
    name: r.ruleName,
    kind: r.kind,
    level: r.kind === "review" ? "note" : r.level,
    message: r.message,
    file: r.loc.file ?? null,
    ...range(r.loc),
    resource: r.address,
    instances: r.instances ? [...r.instances] : null,
    arn: r.arn,
    account: r.account,
    region: r.region,
    related: r.related.map((x) => ({ file: x.loc.file ?? null, ...range(x.loc), resource: x.loc.address, arn: x.loc.arn ?? null, message: x.message })),
    fingerprint: r.fingerprint,
    fixable: r.fixable,
    suppressed: r.suppression !== null,
    suppression: r.suppression,
  };
}

/** The JSON contract of cli.md (schemas/results.schema.json), in pieces (see jsonPieces). */
export function jsonReportPieces(run: RunResult): Iterable<string> {
  return jsonPieces({
    version: run.version,
    results: run.results.map(result),
    notifications: run.notifications.map((n) => ({ level: n.level, id: n.id, message: n.message, file: n.file ?? null, startLine: n.line ?? null, startColumn: n.column ?? null })),
    summary: run.summary,
  });
}

/** The JSON contract of cli.md (schemas/results.schema.json). */
export function formatJson(run: RunResult): string {
  return [...jsonReportPieces(run)].join("");
}
