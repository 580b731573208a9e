import { FakeError } from "../wire.ts";
import { topicArn } from "../world.ts";
import type { QueryHandler } from "./sts.ts";

export const sns: Record<string, QueryHandler> = {
  GetTopicAttributes(form, ctx) {
    const arn = form.get("TopicArn") ?? "";
    const parts = arn.split(":");
    if (parts[4] !== ctx.account.id) throw new FakeError("AuthorizationError", `User: ${ctx.principalArn} is not authorized to perform: SNS:GetTopicAttributes on resource: ${arn}`, 403);
    const t = ctx.account.topics.find((x) => topicArn(x, ctx.account.id, ctx.world.partition) === arn && x.region === ctx.region);
    if (!t) throw new FakeError("NotFound", "Topic does not exist", 404);
    const attrs: Record<string, string> = {
      TopicArn: arn,
      Owner: ctx.account.id,
      DisplayName: "",
      SubscriptionsConfirmed: String(t.confirmed),
      SubscriptionsPending: "0",
      SubscriptionsDeleted: "0",
    };
    return { Attributes: { entry: Object.entries(attrs).map(([key, value]) => ({ key, value })) } };
  },
};
