import type { Entity, Model } from "../model/entities.ts";
import type { Origin, Unknown } from "../model/sourced.ts";
import type { FixRequest } from "./fix.ts";
import { displayValue } from "../model/value.ts";
import type { Notification } from "./result.ts";
import { isEntity, locOf, type Level, type Related, type Report, type Rule, type RuleSettings, type Target } from "./rule.ts";
import { plainLoc, type Loc } from "../model/location.ts";

const MAX_RELATED = 10;

/** What a rule reported, before levels, suppressions and fingerprints. */
export interface RawResult {
  readonly rule: Rule;
  readonly messageId: string;
  readonly level: Level | null;
  readonly kind: "fail" | "review";
  readonly message: string;
  readonly loc: Loc;
  readonly related: readonly { loc: Loc; message: string }[];
  readonly entity: Entity | null;
  readonly key: string;
  /** The fix asked for, with the origin of the value it replaces (a default is inserted, not replaced). */
  readonly fix: { readonly request: FixRequest; readonly origin: Origin } | null;
}

/**
 * The fix a safe rule asked for where it reported: adding something belongs to an entity (what is
 * added is absent, a default); changing a value belongs to that value, whose origin says whether
 * it is replaced or inserted.
 */
function fixAt(request: FixRequest, at: Target): RawResult["fix"] {
  if ("add" in request) return isEntity(at) ? { request, origin: "default" } : null;
  return isEntity(at) ? null : { request, origin: at.origin };
}

export function interpolate(template: string, data: Readonly<Record<string, string>> | undefined, ruleId: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, k: string) => {
    const v = data?.[k];
    if (v === undefined) throw new Error(`${ruleId}: message placeholder {{${k}}} has no data`);
    return displayValue(v);
  });
}

function entityOf(t: Target): Entity | null {
  return isEntity(t) ? t : null;
}

/** Runs every rule over the model. A rule that throws becomes a notification; the others still run. */
export function runRules(model: Model, rules: readonly Rule[], settings: RuleSettings): { results: RawResult[]; notifications: Notification[] } {
  const results: RawResult[] = [];
  const notifications: Notification[] = [];
  for (const rule of rules) {
    /** `at` is what a failing result reported (a review has none): a fix replaces a known value there. */
    const make = (kind: "fail" | "review", r: Omit<Report<string>, "at">, at: Target | null, loc: Loc, entity: Entity | null): RawResult => {
      const template = rule.meta.messages[r.messageId];
      if (template === undefined) throw new Error(`${rule.meta.id}: unknown messageId '${r.messageId}'`);
      // A result names at most a few related places: an alarm shared by a thousand trails must not
      // put a thousand locations into every result.
      const related = [...(r.related ?? []).slice(0, MAX_RELATED), ...(entity?.via ?? []).map((v): Related => ({ at: v, message: "module call" }))].map((x) => ({
        loc: plainLoc(locOf(x.at)),
        message: x.message,
      }));
      const fix = r.fix && rule.meta.fix === "safe" && at ? fixAt(r.fix, at) : null;
      return { rule, messageId: r.messageId, level: r.level ?? null, kind, message: interpolate(template, r.data, rule.meta.id), loc: plainLoc(loc), related, entity, key: r.key ?? "", fix };
    };
    try {
      rule.check({
        model,
        settings,
        report(r) {
          if ("kind" in r.at && r.at.kind !== "known") throw new Error(`${rule.meta.id}: reported an unknown value`);
          results.push(make("fail", r, r.at, locOf(r.at), r.entity ?? entityOf(r.at)));
        },
        review(u: Unknown, r) {
          results.push(make("review", r, null, u.loc, r.entity ?? null));
        },
      });
    } catch (e) {
      notifications.push({ level: "error", id: "rule-error", message: `${rule.meta.id} ${rule.meta.name} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  return { results, notifications };
}
