import type { Loc, SourceKind } from "./location.ts";
import type { Ref, Sourced } from "./sourced.ts";
import type { Value } from "./value.ts";

/** An inline or configured suppression, attached by the adapter that read it. */
export interface Directive {
  readonly rules: readonly string[]; // IDs or names, as written
  readonly reason: string | null;
  readonly loc: Loc; // where the directive is written
  /** The results it covers: those whose primary location is in `file` and `address`, and, when
   * `path` is set, at that attribute path (a prefix match). */
  readonly file: string;
  readonly address: string;
  readonly path?: readonly (string | number)[];
  /** Further resources it covers (a bucket's split resources). */
  readonly alsoAddresses?: readonly string[];
}

export interface EntityBase {
  /** Terraform address, CloudFormation logical ID, or ARN. */
  readonly address: string;
  readonly source: SourceKind;
  /** The resource header (Terraform block header, CloudFormation logical ID key) or the ARN. */
  readonly loc: Loc;
  /** How messages name it: the trail/bucket name when known, else the address. */
  readonly label: string;
  /** An ARN for config suppressions: built from the name, unknown parts as `*` (IaC), or the real ARN (live). */
  readonly arn?: string;
  /** Full addresses this entity stands for (count/for_each instances, module instances). */
  readonly instances?: readonly string[];
  /** Module calls through which this entity was instantiated (related locations). */
  readonly via?: readonly Loc[];
  readonly account?: string;
  readonly region?: string;
}

/** A statement list as written, evaluated to values; locations of each statement kept apart. */
export interface PolicyDoc {
  readonly document: Value;
  readonly statementLocs: readonly Loc[];
}

// ---------------------------------------------------------------- event selectors

export interface DataResource {
  readonly type: Value; // "AWS::S3::Object", ...
  readonly values: Value; // list of ARN prefixes
}

export interface BasicSelector {
  readonly readWriteType: Value; // "All" | "ReadOnly" | "WriteOnly"
  readonly includeManagementEvents: Value; // boolean
  readonly excludeManagementEventSources: Value; // list of strings
  readonly dataResources: readonly DataResource[] | Value;
  readonly loc: Loc;
}

export interface FieldSelector {
  readonly field: Value;
  readonly equals: Value; // list of strings or null
  readonly notEquals: Value;
  readonly startsWith: Value;
  readonly notStartsWith: Value;
  readonly endsWith: Value;
  readonly notEndsWith: Value;
}

export interface AdvancedSelector {
  readonly name: Value;
  readonly fieldSelectors: readonly FieldSelector[] | Value;
  readonly loc: Loc;
}

export type EventSelectors =
  | { readonly kind: "none" } // no selectors: all read and write management events, no data events
  | { readonly kind: "basic"; readonly selectors: readonly BasicSelector[] }
  | { readonly kind: "advanced"; readonly selectors: readonly AdvancedSelector[] };

export type InsightType = "ApiCallRateInsight" | "ApiErrorRateInsight";

/** Live only: GetTrailStatus. An absent field is unknown, never "no delivery". */
export interface TrailStatus {
  readonly latestDeliveryError: Sourced<string | null>;
  readonly latestDigestDeliveryError: Sourced<string | null>;
  readonly latestCloudWatchLogsDeliveryError: Sourced<string | null>;
  readonly latestCloudWatchLogsDeliveryTime: Sourced<string | null>; // ISO 8601
}

export interface Trail extends EntityBase {
  readonly type: "trail";
  readonly name: Sourced<string>;
  /** The trail's ARN as policies would name it (symbolic parts for an unknown region or account). */
  readonly trailArn: Sourced<string>;
  /** The AWS Organizations ID, for an organization trail's log prefix; unknown in IaC. */
  readonly organizationId?: Sourced<string>;
  readonly isMultiRegion: Sourced<boolean>;
  readonly logFileValidation: Sourced<boolean>;
  readonly isLogging: Sourced<boolean>;
  readonly includeGlobalServiceEvents: Sourced<boolean>;
  readonly isOrganizationTrail: Sourced<boolean>;
  readonly kmsKeyId: Sourced<string | null>;
  readonly kmsKey: Ref<Key> | null; // null when no key is named
  readonly cloudWatchLogsGroupArn: Sourced<string | null>;
  readonly cloudWatchLogsRoleArn: Sourced<string | null>;
  readonly logGroup: Ref<LogGroup> | null; // null when no log group is named
  readonly bucketName: Sourced<string>;
  readonly bucket: Ref<Bucket>;
  readonly s3KeyPrefix: Sourced<string | null>;
  readonly selectors: Sourced<EventSelectors>;
  readonly insights: Sourced<readonly InsightType[]>;
  readonly status?: TrailStatus;
  /** Live: the region the trail lives in (multi-region trails are reported once, there). */
  readonly homeRegion?: string;
}

export interface EventDataStore extends EntityBase {
  readonly type: "event-data-store";
  readonly name: Sourced<string>;
  readonly isMultiRegion: Sourced<boolean>;
  readonly isOrganization: Sourced<boolean>;
  /** Ingesting events (IaC: `IngestionEnabled`/`ingestion_enabled`, default true; live: status ENABLED). */
  readonly ingesting: Sourced<boolean>;
  readonly selectors: Sourced<EventSelectors>;
  readonly kmsKeyId: Sourced<string | null>;
  readonly kmsKey: Ref<Key> | null;
}

export interface PublicAccessBlock {
  readonly blockPublicAcls: Sourced<boolean>;
  readonly ignorePublicAcls: Sourced<boolean>;
  readonly blockPublicPolicy: Sourced<boolean>;
  readonly restrictPublicBuckets: Sourced<boolean>;
}

export interface ObjectLock {
  readonly enabled: boolean;
  readonly mode: string | null; // GOVERNANCE | COMPLIANCE
  readonly defaultRetentionDays: number | null; // years converted to 365 days each
}

export interface LifecycleRule {
  readonly id: Value;
  readonly enabled: Value; // boolean
  /** The prefix its filter selects ("" for every object); null when the filter cannot be read as a prefix. */
  readonly prefix: Value;
  /** Days after which current objects expire, or null. */
  readonly expirationDays: Value;
  readonly loc: Loc;
}

export interface Bucket extends EntityBase {
  readonly type: "bucket";
  readonly name: Sourced<string>;
  readonly tags: Sourced<Readonly<Record<string, Value>>>;
  readonly versioningEnabled: Sourced<boolean>;
  readonly mfaDelete: Sourced<boolean>;
  readonly objectLock: Sourced<ObjectLock | null>;
  readonly publicAccessBlock: Sourced<PublicAccessBlock | null>;
  readonly policy: Sourced<PolicyDoc | null>;
  /** Canned ACL (`private`, `public-read`, ...), or null when none is set. */
  readonly acl: Sourced<string | null>;
  /** Grantee URIs of explicit ACL grants (AllUsers/AuthenticatedUsers groups matter). */
  readonly aclGranteeUris: Sourced<readonly string[]>;
  readonly lifecycle: Sourced<readonly LifecycleRule[]>;
  readonly accessLogging: Sourced<boolean>;
}

export interface Key extends EntityBase {
  readonly type: "key";
  readonly keyId: Sourced<string>;
  readonly aliases: readonly string[];
  readonly rotationEnabled: Sourced<boolean>;
  readonly policy: Sourced<PolicyDoc | null>;
  readonly keySpec: Sourced<string>; // SYMMETRIC_DEFAULT, ...
  readonly customerManaged: Sourced<boolean>;
}

export interface LogGroup extends EntityBase {
  readonly type: "log-group";
  readonly name: Sourced<string>;
  readonly logGroupArn: Sourced<string>;
  readonly retentionDays: Sourced<number | null>;
}

export interface MetricTransformation {
  readonly name: Value;
  readonly namespace: Value;
  readonly value: Value;
}

export interface MetricFilter extends EntityBase {
  readonly type: "metric-filter";
  readonly logGroupName: Sourced<string>;
  readonly pattern: Sourced<string>;
  readonly metrics: Sourced<readonly MetricTransformation[]>;
}

export interface Alarm extends EntityBase {
  readonly type: "alarm";
  readonly metricName: Sourced<string | null>;
  readonly namespace: Sourced<string | null>;
  readonly statistic: Sourced<string | null>;
  readonly threshold: Sourced<number | null>;
  readonly comparison: Sourced<string>;
  readonly actionsEnabled: Sourced<boolean>;
  readonly alarmActions: Sourced<readonly Value[]>;
}

export interface Topic extends EntityBase {
  readonly type: "topic";
  readonly name: Sourced<string>;
  readonly topicArn: Sourced<string>;
  /** Confirmed subscriptions (live) or subscriptions defined in the scanned files (IaC). */
  readonly subscriptions: Sourced<number>;
}

/** The account (live) or the scanned set (IaC). Always present. */
export interface Account extends EntityBase {
  readonly type: "account";
  readonly accountId: Sourced<string>;
  /** Live: Organizations role of the account. */
  readonly orgRole?: Sourced<"management" | "delegated-admin" | "member" | "none">;
  readonly publicAccessBlock?: Sourced<PublicAccessBlock | null>;
  /** IaC: where `requireTrail: true` / `organization: true` were set (the config file key). */
  readonly requireTrailAt?: Loc;
  readonly organizationAt?: Loc;
}

/** What `trailguard verify` can find wrong with a trail's delivered files. */
export type IntegrityProblem = "digest-missing" | "digest-signature-invalid" | "log-missing" | "log-modified" | "log-unlisted" | "digest-gap";

/**
 * An S3 object of a trail's delivery (a log or digest file, or for a gap the digest folder) that
 * failed verification: `verify` reads the bucket, checks digests and hashes, and describes each
 * break as one of these; the rules TG022-TG027 report them.
 */
export interface LogObject extends EntityBase {
  readonly type: "logObject";
  readonly problem: IntegrityProblem;
  readonly trailArn: string;
  readonly bucket: string;
  /** The object key (for a gap: the digest folder of the day it starts). */
  readonly key: string;
  /** What was found, in words (a hash, the reason a signature failed, ...). */
  readonly detail: string;
  /** A gap: the period (ISO 8601) in which digests are missing. */
  readonly from?: string;
  readonly to?: string;
  /** The ARN of the digest file that names this object, when one does. */
  readonly listedBy?: string;
}

export type Entity = Trail | EventDataStore | Bucket | Key | LogGroup | MetricFilter | Alarm | Topic | Account | LogObject;

export interface Model {
  readonly kinds: ReadonlySet<SourceKind>;
  readonly trails: readonly Trail[];
  readonly eventDataStores: readonly EventDataStore[];
  readonly buckets: readonly Bucket[];
  readonly keys: readonly Key[];
  readonly logGroups: readonly LogGroup[];
  readonly metricFilters: readonly MetricFilter[];
  readonly alarms: readonly Alarm[];
  readonly topics: readonly Topic[];
  readonly account: Account;
  /** Only from `verify`: the delivered objects that failed verification. */
  readonly logObjects?: readonly LogObject[];
}
