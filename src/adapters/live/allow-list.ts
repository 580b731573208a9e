/**
 * The only AWS operations a live scan may send, with the IAM permission each needs. Every client
 * the scanner builds carries `readOnlyGuard`, which rejects any other command before it is
 * serialized, so a write cannot leave the process whatever the code above it does.
 * docs/iam-policy.json grants exactly these permissions (a test keeps the two in step).
 */

export const READ_OPERATIONS = {
  CloudTrailClient: {
    DescribeTrails: "cloudtrail:DescribeTrails",
    GetTrailStatus: "cloudtrail:GetTrailStatus",
    GetEventSelectors: "cloudtrail:GetEventSelectors",
    GetInsightSelectors: "cloudtrail:GetInsightSelectors",
    ListEventDataStores: "cloudtrail:ListEventDataStores",
    GetEventDataStore: "cloudtrail:GetEventDataStore",
    // verify
    ListPublicKeys: "cloudtrail:ListPublicKeys",
  },
  S3Client: {
    ListBuckets: "s3:ListAllMyBuckets",
    GetBucketVersioning: "s3:GetBucketVersioning",
    GetObjectLockConfiguration: "s3:GetBucketObjectLockConfiguration",
    GetBucketPolicy: "s3:GetBucketPolicy",
    GetPublicAccessBlock: "s3:GetBucketPublicAccessBlock",
    GetBucketAcl: "s3:GetBucketAcl",
    GetBucketLifecycleConfiguration: "s3:GetLifecycleConfiguration",
    GetBucketLogging: "s3:GetBucketLogging",
    GetBucketTagging: "s3:GetBucketTagging",
    // verify: the digest and log files (HeadObject needs s3:GetObject too)
    ListObjectsV2: "s3:ListBucket",
    GetObject: "s3:GetObject",
    HeadObject: "s3:GetObject",
  },
  S3ControlClient: {
    GetPublicAccessBlock: "s3:GetAccountPublicAccessBlock",
  },
  CloudWatchLogsClient: {
    DescribeLogGroups: "logs:DescribeLogGroups",
    DescribeMetricFilters: "logs:DescribeMetricFilters",
  },
  CloudWatchClient: {
    DescribeAlarmsForMetric: "cloudwatch:DescribeAlarmsForMetric",
  },
  SNSClient: {
    GetTopicAttributes: "sns:GetTopicAttributes",
  },
  KMSClient: {
    DescribeKey: "kms:DescribeKey",
    GetKeyPolicy: "kms:GetKeyPolicy",
    GetKeyRotationStatus: "kms:GetKeyRotationStatus",
  },
  STSClient: {
    // GetCallerIdentity needs no permission; AssumeRole is granted on the roles to scan through.
    GetCallerIdentity: null,
    AssumeRole: "sts:AssumeRole",
  },
  OrganizationsClient: {
    DescribeOrganization: "organizations:DescribeOrganization",
    ListAccounts: "organizations:ListAccounts",
    ListDelegatedAdministrators: "organizations:ListDelegatedAdministrators",
  },
  AccountClient: {
    ListRegions: "account:ListRegions",
  },
} as const satisfies Record<string, Record<string, string | null>>;

export type ClientName = keyof typeof READ_OPERATIONS;
export type OperationOf<C extends ClientName> = keyof (typeof READ_OPERATIONS)[C] & string;

/** Thrown when code asks for an operation outside the allow-list: a bug, never an AWS error. */
export class ForbiddenOperationError extends Error {
  override readonly name = "ForbiddenOperationError";
}

function operationName(commandName: string): string {
  return commandName.endsWith("Command") ? commandName.slice(0, -"Command".length) : commandName;
}

export function isAllowed(clientName: string, commandName: string): boolean {
  const ops: Readonly<Record<string, string | null>> | undefined = (READ_OPERATIONS as Record<string, Record<string, string | null>>)[clientName];
  return !!ops && Object.hasOwn(ops, operationName(commandName));
}

/** The IAM permission an operation needs (null: none), or undefined when it is not allowed at all. */
export function permissionOf(clientName: string, operation: string): string | null | undefined {
  const ops = (READ_OPERATIONS as Record<string, Record<string, string | null>>)[clientName];
  return ops && Object.hasOwn(ops, operation) ? ops[operation] : undefined;
}

/** Permissions no operation names but one needs: `verify` reads SSE-KMS log files, which S3 decrypts with the caller's kms:Decrypt. */
export const IMPLIED_PERMISSIONS = ["kms:Decrypt"] as const;

/** Every IAM permission the scanner can use. */
export function requiredPermissions(): string[] {
  const out = new Set<string>(IMPLIED_PERMISSIONS);
  for (const ops of Object.values(READ_OPERATIONS)) for (const p of Object.values(ops)) if (p) out.add(p);
  return [...out].sort();
}

interface GuardContext {
  readonly clientName?: string;
  readonly commandName?: string;
}

type Next<A, R> = (args: A) => Promise<R>;

/** The SDK middleware (initialize step) that enforces the allow-list. */
export function readOnlyGuard<A, R>(next: Next<A, R>, context: GuardContext): Next<A, R> {
  return async (args: A) => {
    const client = context.clientName ?? "";
    const command = context.commandName ?? "";
    if (!isAllowed(client, command)) throw new ForbiddenOperationError(`trailguard only reads: ${client}.${operationName(command)} is not on its allow-list of Describe/Get/List operations`);
    return next(args);
  };
}
