// The event classes that TG010 (root usage) and TG019 (CIS monitoring) look for, as reviewed
// data. Each class lists the CloudTrail events a monitoring filter must match (`mustMatch`)
// and the look-alikes it must not match (`mustNotMatch`): read-only calls of the same service,
// similarly named calls of another service, successful calls for the failure classes, other
// principals for the root class. A look-alike that the CIS filters of different benchmark
// versions treat differently is in neither list (`eitherWay`): a filter is not judged on it.
//
// `cisPattern` is the CIS AWS Foundations Benchmark filter for the class (v1.4 to v3.0,
// recommendations 4.1 to 4.15), written out here from the events it names; it monitors its
// class by construction and is what a fix or a help text can propose.

import {
  ASSUMED_ROLE_API_CALL,
  FEDERATED_SIGN_IN,
  IAM_USER_API_CALL,
  IAM_USER_SIGN_IN_FAILURE,
  IAM_USER_SIGN_IN_WITH_MFA,
  IAM_USER_SIGN_IN_WITHOUT_MFA,
  ROOT_API_CALL,
  ROOT_CONSOLE_SIGN_IN,
  ROOT_SERVICE_EVENT,
  ROOT_SIGN_IN_FAILURE,
  SAMPLE_ACCOUNT_ID,
  apiCall,
  assumedRole,
  iamUser,
} from "./events.ts";
import type { CloudTrailEvent, JsonObject } from "./events.ts";

/** The TG019 class IDs, exactly as the rule catalog names them. */
export const MONITORING_CLASS_IDS = [
  "unauthorized-api-calls",
  "console-signin-without-mfa",
  "iam-policy-changes",
  "cloudtrail-changes",
  "console-auth-failures",
  "cmk-disable-or-deletion",
  "s3-bucket-policy-changes",
  "config-changes",
  "security-group-changes",
  "nacl-changes",
  "network-gateway-changes",
  "route-table-changes",
  "vpc-changes",
  "organizations-changes",
] as const;

export type MonitoringClassId = (typeof MONITORING_CLASS_IDS)[number];

/** Every class in the table: root usage (TG010) and the TG019 classes. */
export type EventClassId = "root-usage" | MonitoringClassId;

export const EVENT_CLASS_IDS: readonly EventClassId[] = ["root-usage", ...MONITORING_CLASS_IDS];

export interface EventClass {
  readonly id: EventClassId;
  readonly title: string;
  /** CIS AWS Foundations Benchmark recommendation (numbering of v1.4 to v3.0). */
  readonly cis: string;
  /** The CIS filter pattern for the class. */
  readonly cisPattern: string;
  readonly mustMatch: readonly CloudTrailEvent[];
  readonly mustNotMatch: readonly CloudTrailEvent[];
  /** Look-alikes on which filters are not judged (CIS versions disagree on them). */
  readonly eitherWay: readonly CloudTrailEvent[];
}

const ACCOUNT = SAMPLE_ACCOUNT_ID;

// ---- per-service builders ---------------------------------------------------------------

function ec2(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({
    source: "ec2.amazonaws.com",
    name,
    readOnly,
    request,
    response: readOnly ? null : { requestId: "0f5e3b7c-8a1d-4e2f-9b6a-3c4d5e6f7a8b", _return: true },
  });
}

function iam(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({ source: "iam.amazonaws.com", name, readOnly, request, response: null });
}

function s3(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({
    source: "s3.amazonaws.com",
    name,
    readOnly,
    request: { bucketName: "example-data-bucket", Host: "example-data-bucket.s3.us-east-1.amazonaws.com", ...request },
    response: null,
    additional: { SignatureVersion: "SigV4", CipherSuite: "TLS_AES_128_GCM_SHA256", bytesTransferredIn: 0, AuthenticationMethod: "AuthHeader" },
  });
}

function kms(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({ source: "kms.amazonaws.com", name, readOnly, request, response: null });
}

function config(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({ source: "config.amazonaws.com", name, readOnly, request, response: null });
}

function cloudtrail(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({ source: "cloudtrail.amazonaws.com", name, readOnly, request, response: null });
}

function organizations(name: string, request: JsonObject, readOnly = false): CloudTrailEvent {
  return apiCall({ source: "organizations.amazonaws.com", name, readOnly, request, response: null });
}

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`;
const KEY_ID = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/DataReadOnly`;
const POLICY_DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const VPC = "vpc-0a1b2c3d4e5f67890";
const SG = "sg-0123456789abcdef0";
const ACL = "acl-0fedcba9876543210";
const IGW = "igw-0a1b2c3d4e5f67890";
const CGW = "cgw-0123456789abcdef0";
const RTB = "rtb-0123456789abcdef0";
const PCX = "pcx-0123456789abcdef0";

const SG_RULE: JsonObject = {
  items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, groups: {}, ipRanges: { items: [{ cidrIp: "0.0.0.0/0" }] }, ipv6Ranges: {}, prefixListIds: {} }],
};

const ACL_ENTRY: JsonObject = {
  networkAclId: ACL,
  ruleNumber: 100,
  egress: false,
  ruleAction: "allow",
  protocol: "6",
  portRange: { from: 22, to: 22 },
  cidrBlock: "0.0.0.0/0",
};

// ---- the table --------------------------------------------------------------------------

const rootUsage: EventClass = {
  id: "root-usage",
  title: "Usage of the root user",
  cis: "4.3",
  cisPattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  mustMatch: [ROOT_CONSOLE_SIGN_IN, ROOT_API_CALL],
  mustNotMatch: [IAM_USER_API_CALL, ASSUMED_ROLE_API_CALL, IAM_USER_SIGN_IN_WITHOUT_MFA],
  eitherWay: [ROOT_SERVICE_EVENT],
};

const unauthorizedApiCalls: EventClass = {
  id: "unauthorized-api-calls",
  title: "Unauthorized API calls",
  cis: "4.1",
  cisPattern:
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  mustMatch: [
    apiCall({
      source: "ec2.amazonaws.com",
      name: "TerminateInstances",
      identity: iamUser("alice"),
      request: { instancesSet: { items: [{ instanceId: "i-0123456789abcdef0" }] } },
      error: { code: "Client.UnauthorizedOperation", message: "You are not authorized to perform this operation. User: arn:aws:iam::111122223333:user/alice is not authorized to perform: ec2:TerminateInstances" },
    }),
    apiCall({
      source: "iam.amazonaws.com",
      name: "CreateUser",
      identity: assumedRole("ReadOnly", "jdoe"),
      request: { userName: "backdoor" },
      error: { code: "AccessDenied", message: "User: arn:aws:sts::111122223333:assumed-role/ReadOnly/jdoe is not authorized to perform: iam:CreateUser" },
    }),
    apiCall({
      source: "kms.amazonaws.com",
      name: "Decrypt",
      identity: assumedRole("AppServer", "i-0123456789abcdef0"),
      readOnly: true,
      request: { encryptionAlgorithm: "SYMMETRIC_DEFAULT" },
      error: { code: "AccessDeniedException", message: "User is not authorized to perform: kms:Decrypt on the resource associated with this ciphertext" },
    }),
  ],
  mustNotMatch: [
    apiCall({ source: "ec2.amazonaws.com", name: "DescribeInstances", readOnly: true, request: { instancesSet: {}, filterSet: {} } }),
    IAM_USER_API_CALL,
    apiCall({
      source: "iam.amazonaws.com",
      name: "GetUser",
      readOnly: true,
      request: { userName: "carol" },
      error: { code: "NoSuchEntityException", message: "The user with name carol cannot be found." },
    }),
    apiCall({
      source: "dynamodb.amazonaws.com",
      name: "DescribeTable",
      readOnly: true,
      request: { tableName: "orders" },
      error: { code: "ThrottlingException", message: "Rate exceeded" },
    }),
  ],
  eitherWay: [
    // Excluded by the v1.4+ filter, matched by the v1.2 one.
    apiCall({
      source: "s3.amazonaws.com",
      name: "HeadBucket",
      readOnly: true,
      request: { bucketName: "example-data-bucket" },
      error: { code: "AccessDenied", message: "Access Denied" },
    }),
    apiCall({
      source: "s3.amazonaws.com",
      name: "PutObject",
      identity: { type: "AWSService", invokedBy: "delivery.logs.amazonaws.com" },
      sourceIPAddress: "delivery.logs.amazonaws.com",
      userAgent: "delivery.logs.amazonaws.com",
      request: { bucketName: "example-log-bucket", key: "AWSLogs/111122223333/elasticloadbalancing/us-east-1/file.log.gz" },
      error: { code: "AccessDenied", message: "Access Denied" },
    }),
  ],
};

const consoleSigninWithoutMfa: EventClass = {
  id: "console-signin-without-mfa",
  title: "Management console sign-in without MFA",
  cis: "4.2",
  cisPattern:
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  mustMatch: [IAM_USER_SIGN_IN_WITHOUT_MFA],
  mustNotMatch: [IAM_USER_SIGN_IN_WITH_MFA, ROOT_CONSOLE_SIGN_IN, IAM_USER_API_CALL],
  // The v1.2 filter (no user-type or success condition) also matches these.
  eitherWay: [IAM_USER_SIGN_IN_FAILURE, FEDERATED_SIGN_IN],
};

const iamPolicyChanges: EventClass = {
  id: "iam-policy-changes",
  title: "IAM policy changes",
  cis: "4.4",
  cisPattern:
    "{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) || ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) }",
  mustMatch: [
    iam("DeleteGroupPolicy", { groupName: "developers", policyName: "inline-s3" }),
    iam("DeleteRolePolicy", { roleName: "AppServer", policyName: "inline-s3" }),
    iam("DeleteUserPolicy", { userName: "alice", policyName: "inline-s3" }),
    iam("PutGroupPolicy", { groupName: "developers", policyName: "inline-s3", policyDocument: POLICY_DOC }),
    iam("PutRolePolicy", { roleName: "AppServer", policyName: "inline-s3", policyDocument: POLICY_DOC }),
    iam("PutUserPolicy", { userName: "alice", policyName: "inline-s3", policyDocument: POLICY_DOC }),
    iam("CreatePolicy", { policyName: "DataReadOnly", policyDocument: POLICY_DOC }),
    iam("DeletePolicy", { policyArn: POLICY_ARN }),
    iam("CreatePolicyVersion", { policyArn: POLICY_ARN, policyDocument: POLICY_DOC, setAsDefault: true }),
    iam("DeletePolicyVersion", { policyArn: POLICY_ARN, versionId: "v2" }),
    iam("AttachRolePolicy", { roleName: "AppServer", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
    iam("DetachRolePolicy", { roleName: "AppServer", policyArn: POLICY_ARN }),
    iam("AttachUserPolicy", { userName: "alice", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }),
    iam("DetachUserPolicy", { userName: "alice", policyArn: POLICY_ARN }),
    iam("AttachGroupPolicy", { groupName: "developers", policyArn: POLICY_ARN }),
    iam("DetachGroupPolicy", { groupName: "developers", policyArn: POLICY_ARN }),
  ],
  mustNotMatch: [
    iam("GetPolicy", { policyArn: POLICY_ARN }, true),
    iam("GetRolePolicy", { roleName: "AppServer", policyName: "inline-s3" }, true),
    iam("ListAttachedRolePolicies", { roleName: "AppServer" }, true),
    s3("PutBucketPolicy", { bucketPolicy: { Version: "2012-10-17", Statement: [] }, policy: "" }),
  ],
  // Organizations' CreatePolicy / DeletePolicy: matched by the CIS filters that have no
  // eventSource condition, rejected by those that have one.
  eitherWay: [organizations("CreatePolicy", { name: "DenyLeaveOrg", type: "SERVICE_CONTROL_POLICY", content: POLICY_DOC })],
};

const cloudtrailChanges: EventClass = {
  id: "cloudtrail-changes",
  title: "CloudTrail configuration changes",
  cis: "4.5",
  cisPattern:
    "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
  mustMatch: [
    cloudtrail("StopLogging", { name: TRAIL_ARN }),
    cloudtrail("DeleteTrail", { name: TRAIL_ARN }),
    cloudtrail("UpdateTrail", { name: TRAIL_ARN, isMultiRegionTrail: false, enableLogFileValidation: false }),
  ],
  mustNotMatch: [
    cloudtrail("DescribeTrails", { trailNameList: [], includeShadowTrails: true }, true),
    cloudtrail("GetTrailStatus", { name: TRAIL_ARN }, true),
    cloudtrail("LookupEvents", { maxResults: 50 }, true),
  ],
  eitherWay: [],
};

const consoleAuthFailures: EventClass = {
  id: "console-auth-failures",
  title: "Management console authentication failures",
  cis: "4.6",
  cisPattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  mustMatch: [IAM_USER_SIGN_IN_FAILURE, ROOT_SIGN_IN_FAILURE],
  mustNotMatch: [
    IAM_USER_SIGN_IN_WITHOUT_MFA,
    IAM_USER_SIGN_IN_WITH_MFA,
    ROOT_CONSOLE_SIGN_IN,
    apiCall({
      source: "iam.amazonaws.com",
      name: "ListUsers",
      identity: iamUser("alice"),
      readOnly: true,
      request: null,
      error: { code: "AccessDenied", message: "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:ListUsers" },
    }),
  ],
  eitherWay: [],
};

const cmkDisableOrDeletion: EventClass = {
  id: "cmk-disable-or-deletion",
  title: "Disabling or scheduled deletion of customer-managed KMS keys",
  cis: "4.7",
  cisPattern: "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
  mustMatch: [kms("DisableKey", { keyId: KEY_ID }), kms("ScheduleKeyDeletion", { keyId: KEY_ID, pendingWindowInDays: 7 })],
  mustNotMatch: [
    kms("DescribeKey", { keyId: KEY_ID }, true),
    kms("ListKeys", { limit: 100 }, true),
    kms("EnableKey", { keyId: KEY_ID }),
    kms("DisableKeyRotation", { keyId: KEY_ID }),
    kms("CancelKeyDeletion", { keyId: KEY_ID }),
  ],
  eitherWay: [],
};

const s3BucketPolicyChanges: EventClass = {
  id: "s3-bucket-policy-changes",
  title: "S3 bucket policy changes",
  cis: "4.8",
  cisPattern:
    "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }",
  mustMatch: [
    s3("PutBucketAcl", { acl: "", AccessControlPolicy: { AccessControlList: { Grant: [] } } }),
    s3("PutBucketPolicy", { bucketPolicy: { Version: "2012-10-17", Statement: [] }, policy: "" }),
    s3("PutBucketCors", { cors: "" }),
    s3("PutBucketLifecycle", { lifecycle: "" }),
    s3("PutBucketReplication", { replication: "" }),
    s3("DeleteBucketPolicy", { policy: "" }),
    s3("DeleteBucketCors", { cors: "" }),
    s3("DeleteBucketLifecycle", { lifecycle: "" }),
    s3("DeleteBucketReplication", { replication: "" }),
  ],
  mustNotMatch: [
    s3("GetBucketPolicy", { policy: "" }, true),
    s3("GetBucketAcl", { acl: "" }, true),
    s3("ListBuckets", {}, true),
    iam("PutRolePolicy", { roleName: "AppServer", policyName: "inline-s3", policyDocument: POLICY_DOC }),
  ],
  eitherWay: [],
};

const configChanges: EventClass = {
  id: "config-changes",
  title: "AWS Config configuration changes",
  cis: "4.9",
  cisPattern:
    "{ ($.eventSource = config.amazonaws.com) && (($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) || ($.eventName = PutDeliveryChannel) || ($.eventName = PutConfigurationRecorder)) }",
  mustMatch: [
    config("StopConfigurationRecorder", { configurationRecorderName: "default" }),
    config("DeleteDeliveryChannel", { deliveryChannelName: "default" }),
    config("PutDeliveryChannel", { deliveryChannel: { name: "default", s3BucketName: "example-config-bucket" } }),
    config("PutConfigurationRecorder", { configurationRecorder: { name: "default", roleARN: `arn:aws:iam::${ACCOUNT}:role/config-role` } }),
  ],
  mustNotMatch: [
    config("DescribeConfigurationRecorders", {}, true),
    config("DescribeConfigurationRecorderStatus", {}, true),
    config("DescribeDeliveryChannels", {}, true),
  ],
  eitherWay: [],
};

const securityGroupChanges: EventClass = {
  id: "security-group-changes",
  title: "Security group changes",
  cis: "4.10",
  cisPattern:
    "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }",
  mustMatch: [
    ec2("AuthorizeSecurityGroupIngress", { groupId: SG, ipPermissions: SG_RULE }),
    ec2("AuthorizeSecurityGroupEgress", { groupId: SG, ipPermissions: SG_RULE }),
    ec2("RevokeSecurityGroupIngress", { groupId: SG, ipPermissions: SG_RULE }),
    ec2("RevokeSecurityGroupEgress", { groupId: SG, ipPermissions: SG_RULE }),
    ec2("CreateSecurityGroup", { groupName: "bastion", groupDescription: "bastion hosts", vpcId: VPC }),
    ec2("DeleteSecurityGroup", { groupId: SG }),
  ],
  mustNotMatch: [ec2("DescribeSecurityGroups", { securityGroupSet: {}, securityGroupIdSet: {} }, true), ec2("DescribeSecurityGroupRules", { filterSet: {} }, true)],
  eitherWay: [],
};

const naclChanges: EventClass = {
  id: "nacl-changes",
  title: "Network ACL changes",
  cis: "4.11",
  cisPattern:
    "{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }",
  mustMatch: [
    ec2("CreateNetworkAcl", { vpcId: VPC }),
    ec2("CreateNetworkAclEntry", ACL_ENTRY),
    ec2("DeleteNetworkAcl", { networkAclId: ACL }),
    ec2("DeleteNetworkAclEntry", { networkAclId: ACL, ruleNumber: 100, egress: false }),
    ec2("ReplaceNetworkAclEntry", ACL_ENTRY),
    ec2("ReplaceNetworkAclAssociation", { associationId: "aclassoc-0123456789abcdef0", networkAclId: ACL }),
  ],
  mustNotMatch: [ec2("DescribeNetworkAcls", { networkAclIdSet: {}, filterSet: {} }, true)],
  eitherWay: [],
};

const networkGatewayChanges: EventClass = {
  id: "network-gateway-changes",
  title: "Network gateway changes",
  cis: "4.12",
  cisPattern:
    "{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }",
  mustMatch: [
    ec2("CreateCustomerGateway", { type: "ipsec.1", ipAddress: "192.0.2.10", bgpAsn: 65000 }),
    ec2("DeleteCustomerGateway", { customerGatewayId: CGW }),
    ec2("AttachInternetGateway", { internetGatewayId: IGW, vpcId: VPC }),
    ec2("CreateInternetGateway", {}),
    ec2("DeleteInternetGateway", { internetGatewayId: IGW }),
    ec2("DetachInternetGateway", { internetGatewayId: IGW, vpcId: VPC }),
  ],
  mustNotMatch: [ec2("DescribeInternetGateways", { internetGatewayIdSet: {}, filterSet: {} }, true), ec2("DescribeCustomerGateways", { customerGatewaySet: {} }, true)],
  eitherWay: [],
};

const routeTableChanges: EventClass = {
  id: "route-table-changes",
  title: "Route table changes",
  cis: "4.13",
  cisPattern:
    "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }",
  mustMatch: [
    ec2("CreateRoute", { routeTableId: RTB, destinationCidrBlock: "0.0.0.0/0", gatewayId: IGW }),
    ec2("CreateRouteTable", { vpcId: VPC }),
    ec2("ReplaceRoute", { routeTableId: RTB, destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-0123456789abcdef0" }),
    ec2("ReplaceRouteTableAssociation", { associationId: "rtbassoc-0123456789abcdef0", routeTableId: RTB }),
    ec2("DeleteRouteTable", { routeTableId: RTB }),
    ec2("DeleteRoute", { routeTableId: RTB, destinationCidrBlock: "10.20.0.0/16" }),
    ec2("DisassociateRouteTable", { associationId: "rtbassoc-0123456789abcdef0" }),
  ],
  mustNotMatch: [ec2("DescribeRouteTables", { routeTableIdSet: {}, filterSet: {} }, true)],
  // API Gateway v2 has its own CreateRoute/DeleteRoute: the v1.2 filter (no eventSource
  // condition) matches them, the later ones do not.
  eitherWay: [
    apiCall({
      source: "apigateway.amazonaws.com",
      name: "CreateRoute",
      request: { apiId: "a1b2c3d4e5", routeKey: "GET /orders", target: "integrations/abc123" },
      response: { routeId: "r1s2t3u", routeKey: "GET /orders" },
    }),
  ],
};

const vpcChanges: EventClass = {
  id: "vpc-changes",
  title: "VPC changes",
  cis: "4.14",
  cisPattern:
    "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }",
  mustMatch: [
    ec2("CreateVpc", { cidrBlock: "10.20.0.0/16", instanceTenancy: "default" }),
    ec2("DeleteVpc", { vpcId: VPC }),
    ec2("ModifyVpcAttribute", { vpcId: VPC, enableDnsHostnames: { value: true } }),
    ec2("AcceptVpcPeeringConnection", { vpcPeeringConnectionId: PCX }),
    ec2("CreateVpcPeeringConnection", { vpcId: VPC, peerVpcId: "vpc-0fedcba9876543210", peerOwnerId: "444455556666" }),
    ec2("DeleteVpcPeeringConnection", { vpcPeeringConnectionId: PCX }),
    ec2("RejectVpcPeeringConnection", { vpcPeeringConnectionId: PCX }),
    ec2("AttachClassicLinkVpc", { instanceId: "i-0123456789abcdef0", vpcId: VPC, groupSet: { items: [{ groupId: SG }] } }),
    ec2("DetachClassicLinkVpc", { instanceId: "i-0123456789abcdef0", vpcId: VPC }),
    ec2("DisableVpcClassicLink", { vpcId: VPC }),
    ec2("EnableVpcClassicLink", { vpcId: VPC }),
  ],
  mustNotMatch: [
    ec2("DescribeVpcs", { vpcSet: {}, filterSet: {} }, true),
    ec2("DescribeVpcAttribute", { vpcId: VPC, attribute: "enableDnsHostnames" }, true),
    ec2("DescribeVpcPeeringConnections", { vpcPeeringConnectionIdSet: {}, filterSet: {} }, true),
  ],
  eitherWay: [],
};

const organizationsChanges: EventClass = {
  id: "organizations-changes",
  title: "AWS Organizations changes",
  cis: "4.15",
  cisPattern:
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  mustMatch: [
    organizations("AcceptHandshake", { handshakeId: "h-examplehandshakeid111" }),
    organizations("AttachPolicy", { policyId: "p-examplepolicyid111", targetId: "ou-examplerootid111-exampleouid111" }),
    organizations("CreateAccount", { accountName: "sandbox", email: "sandbox@example.com" }),
    organizations("CreateOrganizationalUnit", { parentId: "r-examplerootid111", name: "Sandbox" }),
    organizations("CreatePolicy", { name: "DenyLeaveOrg", type: "SERVICE_CONTROL_POLICY", content: POLICY_DOC }),
    organizations("DeclineHandshake", { handshakeId: "h-examplehandshakeid111" }),
    organizations("DeleteOrganization", {}),
    organizations("DeleteOrganizationalUnit", { organizationalUnitId: "ou-examplerootid111-exampleouid111" }),
    organizations("DeletePolicy", { policyId: "p-examplepolicyid111" }),
    organizations("DetachPolicy", { policyId: "p-examplepolicyid111", targetId: "ou-examplerootid111-exampleouid111" }),
    organizations("DisablePolicyType", { rootId: "r-examplerootid111", policyType: "SERVICE_CONTROL_POLICY" }),
    organizations("EnablePolicyType", { rootId: "r-examplerootid111", policyType: "TAG_POLICY" }),
    organizations("InviteAccountToOrganization", { target: { id: "444455556666", type: "ACCOUNT" } }),
    organizations("LeaveOrganization", {}),
    organizations("MoveAccount", { accountId: "444455556666", sourceParentId: "r-examplerootid111", destinationParentId: "ou-examplerootid111-exampleouid111" }),
    organizations("RemoveAccountFromOrganization", { accountId: "444455556666" }),
    organizations("UpdatePolicy", { policyId: "p-examplepolicyid111", content: POLICY_DOC }),
    organizations("UpdateOrganizationalUnit", { organizationalUnitId: "ou-examplerootid111-exampleouid111", name: "Workloads" }),
  ],
  mustNotMatch: [
    organizations("DescribeOrganization", {}, true),
    organizations("ListAccounts", {}, true),
    iam("CreatePolicy", { policyName: "DataReadOnly", policyDocument: POLICY_DOC }),
    iam("DeletePolicy", { policyArn: POLICY_ARN }),
  ],
  eitherWay: [],
};

/** The table, one entry per class, root usage first and then the TG019 classes in catalog order. */
export const EVENT_CLASSES: readonly EventClass[] = [
  rootUsage,
  unauthorizedApiCalls,
  consoleSigninWithoutMfa,
  iamPolicyChanges,
  cloudtrailChanges,
  consoleAuthFailures,
  cmkDisableOrDeletion,
  s3BucketPolicyChanges,
  configChanges,
  securityGroupChanges,
  naclChanges,
  networkGatewayChanges,
  routeTableChanges,
  vpcChanges,
  organizationsChanges,
];

const BY_ID = new Map<EventClassId, EventClass>(EVENT_CLASSES.map((c) => [c.id, c]));

export function eventClass(id: EventClassId): EventClass {
  const found = BY_ID.get(id);
  if (found === undefined) throw new Error(`unknown event class '${String(id)}'`);
  return found;
}

export function isMonitoringClassId(id: unknown): id is MonitoringClassId {
  return typeof id === "string" && (MONITORING_CLASS_IDS as readonly string[]).includes(id);
}

export function isEventClassId(id: unknown): id is EventClassId {
  return id === "root-usage" || isMonitoringClassId(id);
}
