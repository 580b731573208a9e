/** The regions to scan in an account: those given, or those it has enabled (account:ListRegions). */
import { readPages } from "./calls.ts";
import type { AccountScope } from "./scope.ts";

/** What each partition enables by default, for when ListRegions may not be called. */
const DEFAULT_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3",
    "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-west-1", "us-gov-east-1"],
};

/** `enabled`: the account's enabled regions; `all`: every region of the partition, enabled or not. */
export type RegionChoice = "enabled" | "all" | readonly string[];

export async function regionsOf(scope: AccountScope, choice: RegionChoice): Promise<string[]> {
  if (Array.isArray(choice)) return [...choice];
  const { account } = scope.clients.transport.sdk;
  const c = scope.clients.account(scope.home);
  const statuses = choice === "all" ? undefined : ["ENABLED", "ENABLED_BY_DEFAULT"];
  const got = await readPages(
    scope.site("AccountClient", "ListRegions", scope.home),
    scope.notes,
    (NextToken) => c.send(new account.ListRegionsCommand({ MaxResults: 50, ...(statuses ? { RegionOptStatusContains: statuses as ("ENABLED" | "ENABLED_BY_DEFAULT")[] } : {}), ...(NextToken ? { NextToken } : {}) })),
    (p) => p.Regions,
    (p) => p.NextToken,
  );
  if (got.ok) return got.value.map((r) => r.RegionName).filter((r): r is string => !!r).sort();
  return [...(DEFAULT_REGIONS[scope.partition] ?? [scope.home])];
}
