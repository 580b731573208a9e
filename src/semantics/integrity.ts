/**
 * The verify rules (TG022-TG027) share one shape: each reports the delivered objects of one kind
 * of break that `trailguard verify` found, at the object's ARN, with the digest that lists it.
 */
import type { IntegrityProblem } from "../model/entities.ts";
import type { RuleContext } from "../engine/rule.ts";

export function reportIntegrity<M extends string>(ctx: RuleContext<M>, problem: IntegrityProblem, messageId: M): void {
  for (const o of ctx.model.logObjects ?? []) {
    if (o.problem !== problem) continue;
    const data = {
      object: `s3://${o.bucket}/${o.key}`,
      trail: o.trailArn.slice(o.trailArn.indexOf(":trail/") + 7),
      detail: o.detail,
      from: o.from ?? "",
      to: o.to ?? "",
    };
    const related = o.listedBy ? [{ at: { arn: o.listedBy, address: o.listedBy, path: [] }, message: "the digest file that lists it" }] : [];
    ctx.report({ messageId, data, at: o, entity: o, related });
  }
}
