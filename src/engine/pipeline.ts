import type { ResolvedConfig } from "../config/config.ts";
import type { Directive } from "../model/entities.ts";
import { fingerprint } from "./fingerprint.ts";
import type { Notification, Result, Summary } from "./result.ts";
import type { Level } from "./rule.ts";
import type { RawResult } from "./run.ts";
import { applySuppressions } from "./suppress.ts";

export interface PipelineOptions {
  readonly config: ResolvedConfig;
  /** --rule overrides (IDs), applied over the config's levels. */
  readonly overrides: ReadonlyMap<string, Level | "off">;
  readonly strict: boolean;
  /** Pre-commit mode: only results whose primary location is in one of these files. */
  readonly reportFiles: ReadonlySet<string> | null;
  readonly baseline: ReadonlySet<string> | null;
  /** Today in UTC, YYYY-MM-DD (for suppression expiry). */
  readonly today: string;
}

export function effectiveLevel(ruleId: string, defaultLevel: Level, opts: Pick<PipelineOptions, "config" | "overrides">): Level | "off" {
  return opts.overrides.get(ruleId) ?? opts.config.levels.get(ruleId) ?? defaultLevel;
}

/** A result's level: --rule, then the configuration, then the level the rule gave it, then the rule's default. */
function resultLevel(r: RawResult, opts: Pick<PipelineOptions, "config" | "overrides">): Level | "off" {
  return effectiveLevel(r.rule.meta.id, r.level ?? r.rule.meta.level, opts);
}

/** Raw rule output → the results every reporter shows: levels, reviews, scope, instances, fingerprints, suppressions, baseline, order. */
export function processResults(
  raw: readonly RawResult[],
  directives: readonly Directive[],
  opts: PipelineOptions,
): { results: Result[]; notifications: Notification[]; baselined: number } {
  const merged: Result[] = [];
  const byPlace = new Map<string, number>();
  for (const r of raw) {
    const level = resultLevel(r, opts);
    if (level === "off") continue;
    if (r.kind === "review" && !opts.strict) continue;
    if (opts.reportFiles && !(r.loc.file && opts.reportFiles.has(r.loc.file))) continue;
    const instances = r.entity?.instances && r.entity.address === r.loc.address ? r.entity.instances : null;
    // Instances that share a location give one result naming them all.
    const place = placeKey(r);
    const twinAt = byPlace.get(place);
    if (twinAt !== undefined) {
      const twin = merged[twinAt]!;
      if (instances) merged[twinAt] = { ...twin, instances: [...new Set([...(twin.instances ?? []), ...instances])] };
      continue;
    }
    byPlace.set(place, merged.length);
    merged.push({
      ruleId: r.rule.meta.id,
      ruleName: r.rule.meta.name,
      messageId: r.messageId,
      kind: r.kind,
      level,
      message: r.message,
      loc: r.loc,
      related: r.related,
      address: r.loc.address,
      instances: instances ? [...instances] : null,
      arn: r.loc.arn ?? null,
      entityArn: r.entity?.arn ?? null,
      account: r.entity?.account ?? null,
      region: r.entity?.region ?? null,
      key: r.key,
      fingerprint: fingerprint(r.rule.meta.id, r.loc, r.key),
      fixable: false,
      fix: r.fix,
      suppression: null,
    });
  }
  const { results: suppressed, notifications } = applySuppressions(merged, directives, opts.config.suppressions, opts.today);
  let baselined = 0;
  const kept = opts.baseline
    ? suppressed.filter((r) => {
        if (!opts.baseline!.has(r.fingerprint)) return true;
        baselined++;
        return false;
      })
    : suppressed;
  kept.sort(compareResults);
  return { results: kept, notifications, baselined };
}

/** Rule, kind, key and exact location: results that agree on all of these are one result. */
function placeKey(r: RawResult): string {
  const g = r.loc.range;
  return [r.rule.meta.id, r.kind, r.key, r.loc.file ?? "", r.loc.arn ?? "", g ? `${g.startLine}:${g.startColumn}:${g.endLine}:${g.endColumn}` : ""].join("\u0000");
}

export function compareResults(a: Result, b: Result): number {
  const ka = [a.loc.file ?? "", a.account ?? "", a.region ?? "", a.loc.arn ?? ""];
  const kb = [b.loc.file ?? "", b.account ?? "", b.region ?? "", b.loc.arn ?? ""];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  const la = a.loc.range;
  const lb = b.loc.range;
  if (la && lb) {
    if (la.startLine !== lb.startLine) return la.startLine - lb.startLine;
    if (la.startColumn !== lb.startColumn) return la.startColumn - lb.startColumn;
  }
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

export function summarize(results: readonly Result[], baselined: number, files: number): Summary {
  const s: Summary = { error: 0, warning: 0, note: 0, review: 0, suppressed: 0, baselined, files };
  for (const r of results) {
    if (r.suppression) s.suppressed++;
    else if (r.kind === "review") s.review++;
    else s[r.level]++;
  }
  return s;
}

const RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };

/** 1 when a counted result is at or above --fail-on; reviews and suppressed results never count. */
export function failing(results: readonly Result[], failOn: Level | "none"): boolean {
  if (failOn === "none") return false;
  return results.some((r) => !r.suppression && r.kind === "fail" && RANK[r.level] >= RANK[failOn]);
}
