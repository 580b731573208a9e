import type { CallContext, JsonHandler } from "../context.ts";
import { FakeError } from "../wire.ts";
import type { FakeOrg } from "../world.ts";

function orgOf(ctx: CallContext): FakeOrg {
  const org = ctx.world.org;
  if (!org || !org.members.includes(ctx.account.id)) throw new FakeError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
  return org;
}

function orgArn(ctx: CallContext, org: FakeOrg): string {
  return `arn:${ctx.world.partition}:organizations::${org.managementId}:organization/${org.id}`;
}

/** Calls only the management account or a delegated administrator may make. */
function requireAdmin(ctx: CallContext, org: FakeOrg, action: string): void {
  if (ctx.account.id !== org.managementId && !org.delegatedAdmins.includes(ctx.account.id))
    throw new FakeError("AccessDeniedException", `You don't have permissions to access this resource (${action}).`);
}

const PAGE = 20;

export const organizations: Record<string, JsonHandler> = {
  DescribeOrganization(_input, ctx) {
    const org = orgOf(ctx);
    return {
      Organization: {
        Id: org.id,
        Arn: orgArn(ctx, org),
        FeatureSet: "ALL",
        MasterAccountId: org.managementId,
        MasterAccountArn: `arn:${ctx.world.partition}:organizations::${org.managementId}:account/${org.id}/${org.managementId}`,
        MasterAccountEmail: "root@example.com",
      },
    };
  },
  ListAccounts(input, ctx) {
    const org = orgOf(ctx);
    requireAdmin(ctx, org, "organizations:ListAccounts");
    const start = typeof input["NextToken"] === "string" ? Number(input["NextToken"]) : 0;
    const ids = org.members.slice(start, start + PAGE);
    return {
      Accounts: ids.map((id) => {
        const a = ctx.world.accounts.find((x) => x.id === id);
        const state = a?.suspended ? "SUSPENDED" : "ACTIVE";
        return { Id: id, Arn: `arn:${ctx.world.partition}:organizations::${org.managementId}:account/${org.id}/${id}`, Name: a?.name ?? id, Email: `${id}@example.com`, Status: state, State: state, JoinedMethod: "CREATED", JoinedTimestamp: 1_700_000_000 };
      }),
      NextToken: start + PAGE < org.members.length ? String(start + PAGE) : undefined,
    };
  },
  ListDelegatedAdministrators(input, ctx) {
    const org = orgOf(ctx);
    requireAdmin(ctx, org, "organizations:ListDelegatedAdministrators");
    const service = input["ServicePrincipal"];
    const ids = service === undefined || service === "cloudtrail.amazonaws.com" ? org.delegatedAdmins : [];
    return { DelegatedAdministrators: ids.map((Id) => ({ Id, Arn: `arn:${ctx.world.partition}:organizations::${org.managementId}:account/${org.id}/${Id}`, Status: "ACTIVE", State: "ACTIVE" })) };
  },
};
