// Sample CloudTrail management-event records, shaped as CloudTrail delivers them to CloudWatch
// Logs (one JSON object per log event). They are the test bench on which metric-filter
// patterns are judged: a pattern monitors a class of events when it matches the class's samples
// and none of its look-alikes (see classes.ts).
//
// The account, principals, addresses and identifiers are documentation placeholders
// (account 111122223333, addresses from 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24).

export const SAMPLE_ACCOUNT_ID = "111122223333";
const ACCOUNT = SAMPLE_ACCOUNT_ID;

export interface SessionContext {
  readonly sessionIssuer?: {
    readonly type: string;
    readonly principalId: string;
    readonly arn: string;
    readonly accountId: string;
    readonly userName: string;
  };
  readonly attributes: { readonly creationDate: string; readonly mfaAuthenticated: string };
}

export interface UserIdentity {
  readonly type: "Root" | "IAMUser" | "AssumedRole" | "AWSService" | "FederatedUser";
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  readonly accessKeyId?: string;
  readonly userName?: string;
  readonly invokedBy?: string;
  readonly sessionContext?: SessionContext;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** One CloudTrail record (the fields a metric filter on a trail's log group can see). */
export interface CloudTrailEvent {
  readonly eventVersion: string;
  readonly userIdentity: UserIdentity;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
  readonly sourceIPAddress: string;
  readonly userAgent: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters: JsonObject | null;
  readonly responseElements: JsonObject | null;
  readonly additionalEventData?: JsonObject;
  readonly requestID?: string;
  readonly eventID: string;
  readonly readOnly: boolean;
  readonly eventType: "AwsApiCall" | "AwsConsoleSignIn" | "AwsServiceEvent";
  readonly managementEvent: boolean;
  readonly recipientAccountId: string;
  readonly eventCategory: "Management";
  readonly sessionCredentialFromConsole?: string;
}

// ---- identities -------------------------------------------------------------------------

export function iamUser(name: string): UserIdentity {
  return {
    type: "IAMUser",
    principalId: "AIDAQRSTUVWXYZEXAMPLE",
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    accountId: ACCOUNT,
    accessKeyId: "AKIAQRSTUVWXEXAMPLE1",
    userName: name,
  };
}

export function assumedRole(role: string, session: string): UserIdentity {
  return {
    type: "AssumedRole",
    principalId: `AROAQRSTUVWXYZEXAMPL:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    accessKeyId: "ASIAQRSTUVWXEXAMPLE2",
    sessionContext: {
      sessionIssuer: {
        type: "Role",
        principalId: "AROAQRSTUVWXYZEXAMPL",
        arn: `arn:aws:iam::${ACCOUNT}:role/${role}`,
        accountId: ACCOUNT,
        userName: role,
      },
      attributes: { creationDate: "2024-05-14T08:02:11Z", mfaAuthenticated: "false" },
    },
  };
}

export function rootIdentity(invokedBy?: string): UserIdentity {
  return {
    type: "Root",
    principalId: ACCOUNT,
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    accountId: ACCOUNT,
    accessKeyId: "ASIAQRSTUVWXROOTKEY1",
    ...(invokedBy === undefined ? {} : { invokedBy }),
  };
}

// ---- builders ---------------------------------------------------------------------------

/** A deterministic identifier in UUID shape, derived from a seed (FNV-1a). */
function pseudoUuid(seed: string): string {
  let hex = "";
  for (let round = 0; hex.length < 32; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    hex += h.toString(16).padStart(8, "0");
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CLI_AGENT = "aws-cli/2.15.30 md/Botocore#1.34.62 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8";
const BROWSER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";

export interface ApiCallOptions {
  readonly source: string;
  readonly name: string;
  readonly identity?: UserIdentity;
  readonly region?: string;
  readonly readOnly?: boolean;
  readonly request?: JsonObject | null;
  readonly response?: JsonObject | null;
  readonly error?: { readonly code: string; readonly message: string };
  readonly sourceIPAddress?: string;
  readonly userAgent?: string;
  readonly eventType?: CloudTrailEvent["eventType"];
  readonly additional?: JsonObject;
  readonly time?: string;
}

/** A management API call as CloudTrail records it. */
export function apiCall(o: ApiCallOptions): CloudTrailEvent {
  const identity = o.identity ?? assumedRole("PlatformAdmin", "jdoe");
  const seed = `${o.source}/${o.name}/${identity.type}/${o.error?.code ?? ""}/${o.time ?? ""}`;
  return {
    eventVersion: "1.09",
    userIdentity: identity,
    eventTime: o.time ?? "2024-05-14T09:21:37Z",
    eventSource: o.source,
    eventName: o.name,
    awsRegion: o.region ?? "us-east-1",
    sourceIPAddress: o.sourceIPAddress ?? "203.0.113.24",
    userAgent: o.userAgent ?? CLI_AGENT,
    ...(o.error === undefined ? {} : { errorCode: o.error.code, errorMessage: o.error.message }),
    requestParameters: o.request === undefined ? null : o.request,
    responseElements: o.response === undefined ? null : o.response,
    ...(o.additional === undefined ? {} : { additionalEventData: o.additional }),
    requestID: pseudoUuid(`request:${seed}`),
    eventID: pseudoUuid(`event:${seed}`),
    readOnly: o.readOnly ?? false,
    eventType: o.eventType ?? "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
  };
}

/** A console sign-in (`ConsoleLogin` from signin.amazonaws.com). */
export function consoleLogin(o: { readonly identity: UserIdentity; readonly success: boolean; readonly mfaUsed: boolean }): CloudTrailEvent {
  const seed = `signin/${o.identity.type}/${o.identity.userName ?? ""}/${String(o.success)}/${String(o.mfaUsed)}`;
  return {
    eventVersion: "1.09",
    userIdentity: o.identity,
    eventTime: "2024-05-14T07:55:02Z",
    eventSource: "signin.amazonaws.com",
    eventName: "ConsoleLogin",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.77",
    userAgent: BROWSER_AGENT,
    ...(o.success ? {} : { errorMessage: "Failed authentication" }),
    requestParameters: null,
    responseElements: { ConsoleLogin: o.success ? "Success" : "Failure" },
    additionalEventData: {
      LoginTo: "https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1",
      MobileVersion: "No",
      MFAUsed: o.mfaUsed ? "Yes" : "No",
    },
    eventID: pseudoUuid(`event:${seed}`),
    readOnly: false,
    eventType: "AwsConsoleSignIn",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
  };
}

/** A failed console sign-in identity carries no ARN and an empty access key, as CloudTrail logs it. */
export function failedSignInIdentity(type: "IAMUser" | "Root", name?: string): UserIdentity {
  return type === "Root"
    ? { type: "Root", principalId: ACCOUNT, accountId: ACCOUNT, accessKeyId: "" }
    : { type: "IAMUser", principalId: "AIDAQRSTUVWXYZEXAMPLE", accountId: ACCOUNT, accessKeyId: "", userName: name ?? "alice" };
}

// ---- named samples used by more than one class, and by TG010 ----------------------------

/** The root user signs in to the console (with MFA). */
export const ROOT_CONSOLE_SIGN_IN = consoleLogin({ identity: { ...rootIdentity(), accessKeyId: "" }, success: true, mfaUsed: true });

/** The root user calls an API directly (creates an access key for itself). */
export const ROOT_API_CALL = apiCall({
  source: "iam.amazonaws.com",
  name: "CreateAccessKey",
  identity: rootIdentity(),
  sourceIPAddress: "198.51.100.77",
  request: null,
  response: {
    accessKey: {
      accessKeyId: "AKIAQRSTUVWXROOTNEW1",
      status: "Active",
      createDate: "May 14, 2024 9:21:37 AM",
    },
  },
});

/**
 * A call recorded under the root identity but made by an AWS service on the account's behalf
 * (`invokedBy` set, event type AwsServiceEvent). The CIS root-usage filter deliberately
 * excludes it, so it is a look-alike that a root-usage filter may match or not.
 */
export const ROOT_SERVICE_EVENT = apiCall({
  source: "s3.amazonaws.com",
  name: "GetBucketAcl",
  identity: rootIdentity("config.amazonaws.com"),
  sourceIPAddress: "config.amazonaws.com",
  userAgent: "config.amazonaws.com",
  eventType: "AwsServiceEvent",
  readOnly: true,
  request: { bucketName: "example-data-bucket", acl: "", Host: "example-data-bucket.s3.us-east-1.amazonaws.com" },
  response: null,
});

/** An IAM user's ordinary API call. */
export const IAM_USER_API_CALL = apiCall({
  source: "ec2.amazonaws.com",
  name: "RunInstances",
  identity: iamUser("alice"),
  request: { instancesSet: { items: [{ imageId: "ami-0abcdef1234567890", minCount: 1, maxCount: 1 }] }, instanceType: "t3.micro" },
  response: { requestId: "6f1e0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", reservationId: "r-0123456789abcdef0", ownerId: ACCOUNT },
});

/** An assumed role's ordinary API call. */
export const ASSUMED_ROLE_API_CALL = apiCall({
  source: "s3.amazonaws.com",
  name: "CreateBucket",
  identity: assumedRole("PlatformAdmin", "jdoe"),
  request: { bucketName: "example-data-bucket", Host: "example-data-bucket.s3.amazonaws.com" },
  response: null,
});

/** An IAM user signs in to the console successfully without MFA. */
export const IAM_USER_SIGN_IN_WITHOUT_MFA = consoleLogin({ identity: iamUser("alice"), success: true, mfaUsed: false });
/** An IAM user signs in to the console successfully with MFA. */
export const IAM_USER_SIGN_IN_WITH_MFA = consoleLogin({ identity: iamUser("bob"), success: true, mfaUsed: true });
/** An IAM user's console sign-in fails (wrong password). */
export const IAM_USER_SIGN_IN_FAILURE = consoleLogin({ identity: failedSignInIdentity("IAMUser", "alice"), success: false, mfaUsed: false });
/** The root user's console sign-in fails. */
export const ROOT_SIGN_IN_FAILURE = consoleLogin({ identity: failedSignInIdentity("Root"), success: false, mfaUsed: false });
/** A federated (SSO) user reaches the console through a role session; MFA is enforced by the IdP, not recorded. */
export const FEDERATED_SIGN_IN = consoleLogin({ identity: assumedRole("AWSReservedSSO_Admin_0123456789abcdef", "jdoe@example.com"), success: true, mfaUsed: false });
