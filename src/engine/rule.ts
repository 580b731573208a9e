import type { Entity, Model } from "../model/entities.ts";
import type { Loc, SourceKind } from "../model/location.ts";
import type { Known, Sourced, Unknown } from "../model/sourced.ts";
import type { FixRequest } from "./fix.ts";

export type Level = "error" | "warning" | "note";

export interface RuleMeta<M extends string = string> {
  /** Public contract: never renumbered. */
  readonly id: `TG${number}`;
  readonly name: string;
  readonly level: Level;
  /** SARIF security-severity: error 7.0-9.0, warning 4.0-6.9, note 1.0-3.9. */
  readonly securitySeverity: number;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly controls: { readonly cis?: readonly string[]; readonly securityHub?: readonly string[] };
  readonly equivalents: { readonly checkov?: readonly string[]; readonly trivy?: readonly string[]; readonly prowler?: readonly string[] };
  readonly appliesTo: readonly SourceKind[];
  readonly precision: "very-high" | "high" | "medium" | "low";
  readonly messages: Readonly<Record<M, string>>;
  readonly fix?: "safe" | "suggestion";
  /** The rule reports what `trailguard verify` finds in delivered log files; scans never run it. */
  readonly verify?: boolean;
}

/** Settings rules read, resolved from the configuration. */
export interface RuleSettings {
  readonly minRetentionDays: number;
  readonly requireTrail: boolean;
  readonly organization: boolean;
  readonly sensitiveBuckets: { readonly tags: Readonly<Record<string, readonly string[]>> | null; readonly names: readonly string[] };
  readonly monitoring: readonly string[];
}

/** Something a result can point at: a known value (its attribute, or the header for a default) or an entity. */
export type Target = Known<unknown> | Entity;

export interface Related {
  readonly at: Target | Unknown | Loc;
  readonly message: string;
}

export interface Report<M extends string> {
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string>>;
  readonly at: Target;
  /** The entity the result is about (for suppressions by resource and for instances); defaults to `at` when it is one. */
  readonly entity?: Entity;
  readonly related?: readonly Related[];
  /** A level other than the rule's default for this result (TG016's confused-deputy warning);
   * the configuration and --rule still win. */
  readonly level?: Level;
  /** A mechanical fix: set the reported value to this, or add a missing block to the reported entity (only on rules whose meta.fix is "safe"). */
  readonly fix?: FixRequest;
  /** Distinguishing data for the fingerprint when one attribute can give several results (TG019's class, TG008's cause). */
  readonly key?: string;
}

export interface RuleContext<M extends string> {
  readonly model: Model;
  readonly settings: RuleSettings;
  report(r: Report<M>): void;
  /** An unknown value that would decide the rule: a `review` result under --strict, nothing otherwise. */
  review(u: Unknown, r: Omit<Report<M>, "at">): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  /** The rule's help text (doc.md). */
  readonly doc: string;
  check(ctx: RuleContext<M>): void;
}

export function defineRule<const M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function isEntity(t: Target | Unknown | Loc): t is Entity {
  return "type" in t && "address" in t && "source" in t;
}

export function locOf(t: Target | Unknown | Loc): Loc {
  if (isEntity(t)) return t.loc;
  if ("kind" in t) return t.loc;
  return t;
}

/**
 * The common check of a setting that must be on: an unknown value gives a review, a known false
 * (explicit or the provider default) a result at the value, fixed by turning it on.
 */
export function requireOn<M extends string>(
  ctx: RuleContext<M>,
  v: Sourced<boolean>,
  r: { readonly off: M; readonly unknown: M; readonly data: Readonly<Record<string, string>>; readonly entity: Entity; readonly key?: string },
): void {
  if (v.kind === "unknown") ctx.review(v, { messageId: r.unknown, data: r.data, entity: r.entity });
  else if (!v.value) ctx.report({ messageId: r.off, data: r.data, at: v, entity: r.entity, fix: { value: true }, ...(r.key ? { key: r.key } : {}) });
}
