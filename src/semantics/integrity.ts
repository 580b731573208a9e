/**
 * The verify rules (TG022-TG027) share one shape: each reports the delivered objects of one kind
 * of break that `trailguard verify` found, at the object's ARN, with the digest that lists it.
 */
import { defineRule, type Level, type Rule, type RuleContext, type RuleMeta } from "../engine/rule.ts";
import type { IntegrityProblem } from "../model/entities.ts";

function reportIntegrity<M extends string>(ctx: RuleContext<M>, problem: IntegrityProblem, messageId: M): void {
  for (const o of ctx.model.logObjects ?? []) {
    if (o.problem !== problem) continue;
    const data = {
      // The ARN locates the object; the message names its file (a gap: its folder).
      object: o.key.endsWith("/") ? `s3://${o.bucket}/${o.key}` : o.key.slice(o.key.lastIndexOf("/") + 1),
      trail: o.trailArn.slice(o.trailArn.indexOf(":trail/") + 7),
      detail: o.detail,
      from: o.from ?? "",
      to: o.to ?? "",
    };
    const related = o.listedBy ? [{ at: { arn: o.listedBy, address: o.listedBy, path: [] }, message: "the digest file that lists it" }] : [];
    ctx.report({ messageId, data, at: o, entity: o, related });
  }
}

/** A verify rule: its catalog entry, the one kind of break it reports, and its message. */
export function integrityRule<M extends string>(spec: {
  readonly meta: Pick<RuleMeta, "id" | "name" | "summary" | "securitySeverity" | "controls" | "equivalents"> & { readonly level: Level };
  readonly problem: IntegrityProblem;
  readonly messageId: M;
  readonly message: string;
  readonly doc: string;
}): Rule<M> {
  return defineRule({
    meta: {
      ...spec.meta,
      tags: ["security", "cloudtrail", "log-integrity"],
      appliesTo: ["live"],
      precision: "very-high",
      verify: true,
      messages: { [spec.messageId]: spec.message } as Record<M, string>,
    },
    doc: spec.doc,
    check(ctx) {
      reportIntegrity(ctx, spec.problem, spec.messageId);
    },
  });
}
