import { accountById, type CallContext } from "../context.ts";
import { FakeError, type Xml } from "../wire.ts";
import { callerKey } from "../world.ts";

export type QueryHandler = (form: ReadonlyMap<string, string>, ctx: CallContext) => Xml;

export const sts: Record<string, QueryHandler> = {
  GetCallerIdentity(_form, ctx) {
    return { Arn: ctx.principalArn, UserId: "AIDAFAKE", Account: ctx.account.id };
  },
  AssumeRole(form, ctx) {
    const roleArn = form.get("RoleArn") ?? "";
    const m = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    const target = m ? accountById(ctx.world, m[1]!) : undefined;
    if (!m || !target || !target.roles.includes(m[2]!) || target.suspended)
      throw new FakeError("AccessDenied", `User: ${ctx.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    const session = form.get("RoleSessionName") ?? "session";
    return {
      Credentials: {
        AccessKeyId: callerKey(target.id, `role/${m[2]}`),
        SecretAccessKey: "fake-secret",
        SessionToken: "fake-token",
        Expiration: new Date(Date.now() + 3600_000).toISOString(),
      },
      AssumedRoleUser: { AssumedRoleId: `AROAFAKE:${session}`, Arn: `arn:${ctx.world.partition}:sts::${target.id}:assumed-role/${m[2]}/${session}` },
    };
  },
};
