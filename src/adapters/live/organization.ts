/** The account-level facts: its place in AWS Organizations and its S3 public access block. */
import type { Organization } from "@aws-sdk/client-organizations";
import type { Account } from "../../model/entities.ts";
import type { Sourced } from "../../model/sourced.ts";
import { publicAccessBlockOf } from "./buckets.ts";
import { errorCode, failure, read, type Outcome } from "./calls.ts";
import { entityBase, fact, gap } from "./loc.ts";
import type { AccountScope } from "./scope.ts";

type OrgRole = "management" | "delegated-admin" | "member" | "none";

export function accountArn(scope: AccountScope): string {
  return `arn:${scope.partition}:iam::${scope.id}:root`;
}

/** DescribeOrganization: the account's organization; null when it is in none. */
export function describeOrganization(scope: AccountScope): Promise<Outcome<Organization | null>> {
  const { organizations } = scope.clients.transport.sdk;
  const c = scope.clients.organizations(scope.home);
  return read(scope.site("OrganizationsClient", "DescribeOrganization", scope.home), scope.notes, async () => (await c.send(new organizations.DescribeOrganizationCommand({}))).Organization ?? null, {
    AWSOrganizationsNotInUseException: null,
  });
}

/** DescribeOrganization, then (for a member) whether it is CloudTrail's delegated administrator. */
export async function orgRoleOf(scope: AccountScope): Promise<Sourced<OrgRole>> {
  const arn = accountArn(scope);
  const { organizations } = scope.clients.transport.sdk;
  const c = scope.clients.organizations(scope.home);
  const site = (op: string) => scope.site("OrganizationsClient", op, scope.home);
  const org = await describeOrganization(scope);
  if (!org.ok) return gap(org.reason, arn, "OrganizationRole", org.code);
  if (!org.value) return fact("none", arn, "OrganizationRole");
  scope.orgId = org.value.Id ?? null;
  if (org.value.MasterAccountId === scope.id) return fact("management", arn, "OrganizationRole");
  try {
    const admins = await c.send(new organizations.ListDelegatedAdministratorsCommand({ ServicePrincipal: "cloudtrail.amazonaws.com" }));
    return fact((admins.DelegatedAdministrators ?? []).some((a) => a.Id === scope.id) ? "delegated-admin" : "member", arn, "OrganizationRole");
  } catch (e) {
    // Only the management account and delegated administrators may list them: a plain member is refused.
    if (errorCode(e) === "AccessDeniedException") return fact("member", arn, "OrganizationRole");
    const f = failure(site("ListDelegatedAdministrators"), e, scope.notes);
    return gap(f.reason, arn, "OrganizationRole", f.code);
  }
}

export async function accountEntity(scope: AccountScope, orgRole: Sourced<OrgRole>): Promise<Account> {
  const arn = accountArn(scope);
  const { s3control } = scope.clients.transport.sdk;
  const c = scope.clients.s3control(scope.home);
  const block = await read(
    scope.site("S3ControlClient", "GetPublicAccessBlock", scope.home),
    scope.notes,
    async () => (await c.send(new s3control.GetPublicAccessBlockCommand({ AccountId: scope.id }))).PublicAccessBlockConfiguration ?? null,
    { NoSuchPublicAccessBlockConfiguration: null },
  );
  return {
    type: "account",
    // Account-level results belong to no region.
    ...entityBase(arn, scope.id, scope.id, scope.home),
    region: undefined,
    accountId: fact(scope.id, arn, "AccountId"),
    orgRole,
    publicAccessBlock: publicAccessBlockOf(block, arn, "PublicAccessBlockConfiguration"),
  };
}
