import type { CallContext } from "../context.ts";
import { tags } from "../context.ts";
import { FakeError, xml, xmlDoc, xmlEscape, xmlReply, type Reply } from "../wire.ts";
import type { FakeAccount, FakeBucket } from "../world.ts";

const NS = "http://s3.amazonaws.com/doc/2006-03-01/";

/** The operation a path-style request names: `/` lists buckets; `/bucket?sub` reads a sub-resource. */
export function s3Operation(method: string, path: string, query: URLSearchParams): { operation: string; bucket: string | null } {
  const bucket = decodeURIComponent(path.split("/")[1] ?? "") || null;
  if (!bucket) return { operation: "ListBuckets", bucket };
  const sub: Record<string, string> = {
    versioning: "GetBucketVersioning",
    "object-lock": "GetObjectLockConfiguration",
    policy: "GetBucketPolicy",
    publicAccessBlock: "GetPublicAccessBlock",
    acl: "GetBucketAcl",
    lifecycle: "GetBucketLifecycleConfiguration",
    logging: "GetBucketLogging",
    tagging: "GetBucketTagging",
    location: "GetBucketLocation",
  };
  for (const [k, op] of Object.entries(sub)) if (query.has(k)) return { operation: method === "GET" ? op : `${method}:${k}`, bucket };
  return { operation: method === "HEAD" ? "HeadBucket" : `${method}:object`, bucket };
}

function owned(ctx: CallContext, name: string): { bucket: FakeBucket; owner: FakeAccount } {
  for (const a of ctx.world.accounts) {
    const b = a.buckets.find((x) => x.name === name);
    if (!b) continue;
    if (a.id !== ctx.account.id) throw new FakeError("AccessDenied", "Access Denied", 403);
    return { bucket: b, owner: a };
  }
  throw new FakeError("NoSuchBucket", "The specified bucket does not exist", 404);
}

function acl(owner: FakeAccount, b: FakeBucket): string {
  const grantee = (type: string, inner: string) => `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${type}">${inner}</Grantee>`;
  const grants = [`<Grant>${grantee("CanonicalUser", `<ID>owner-${owner.id}</ID>`)}<Permission>FULL_CONTROL</Permission></Grant>`];
  for (const g of b.groupGrants) grants.push(`<Grant>${grantee("Group", `<URI>${xmlEscape(g.uri)}</URI>`)}<Permission>${g.permission}</Permission></Grant>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="${NS}"><Owner><ID>owner-${owner.id}</ID></Owner><AccessControlList>${grants.join("")}</AccessControlList></AccessControlPolicy>`;
}

export function s3(operation: string, bucketName: string | null, ctx: CallContext): Reply {
  if (operation === "ListBuckets") {
    const buckets = ctx.account.buckets.map((b) => ({ Name: b.name, CreationDate: "2024-01-01T00:00:00.000Z", BucketRegion: b.region }));
    return xmlReply(xmlDoc("ListAllMyBucketsResult", { Owner: { ID: `owner-${ctx.account.id}` }, Buckets: { Bucket: buckets } }, NS));
  }
  if (!bucketName) throw new FakeError("InvalidRequest", "bucket required");
  const { bucket: b, owner } = owned(ctx, bucketName);
  switch (operation) {
    case "HeadBucket":
      return xmlReply("", { "x-amz-bucket-region": b.region });
    case "GetBucketLocation":
      return xmlReply(xmlDoc("LocationConstraint", b.region === "us-east-1" ? "" : b.region, NS));
    case "GetBucketVersioning":
      return xmlReply(xmlDoc("VersioningConfiguration", { Status: b.versioning, MfaDelete: b.versioning ? (b.mfaDelete ? "Enabled" : "Disabled") : undefined }, NS));
    case "GetObjectLockConfiguration": {
      if (!b.objectLock) throw new FakeError("ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket", 404);
      const l = b.objectLock;
      const rule = l.mode ? { Rule: { DefaultRetention: { Mode: l.mode, Days: l.days, Years: l.years } } } : {};
      return xmlReply(xmlDoc("ObjectLockConfiguration", { ObjectLockEnabled: "Enabled", ...rule }, NS));
    }
    case "GetBucketPolicy":
      if (!b.policy) throw new FakeError("NoSuchBucketPolicy", "The bucket policy does not exist", 404);
      return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(b.policy) };
    case "GetPublicAccessBlock":
      if (!b.publicAccessBlock) throw new FakeError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
      return xmlReply(xmlDoc("PublicAccessBlockConfiguration", { ...b.publicAccessBlock }, NS));
    case "GetBucketAcl":
      return xmlReply(acl(owner, b));
    case "GetBucketLifecycleConfiguration": {
      if (!b.lifecycle) throw new FakeError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", 404);
      const Rule = b.lifecycle.map((r) => ({ ID: r.id, Filter: { Prefix: r.prefix ?? "" }, Status: r.enabled ? "Enabled" : "Disabled", Expiration: r.days === undefined ? undefined : { Days: r.days } }));
      return xmlReply(xmlDoc("LifecycleConfiguration", { Rule }, NS));
    }
    case "GetBucketLogging":
      return xmlReply(xmlDoc("BucketLoggingStatus", b.logging ? { LoggingEnabled: { TargetBucket: b.logging.bucket, TargetPrefix: b.logging.prefix } } : {}, NS));
    case "GetBucketTagging":
      if (!Object.keys(b.tags).length) throw new FakeError("NoSuchTagSet", "The TagSet does not exist", 404);
      return xmlReply(xmlDoc("Tagging", { TagSet: tags(b.tags) }, NS));
    default:
      throw new FakeError("MethodNotAllowed", `${operation} is not supported by the fake`, 405);
  }
}

/** S3 Control: the account-level public access block. */
export function s3Control(operation: string, accountHeader: string | undefined, ctx: CallContext): Reply {
  if (operation !== "GetPublicAccessBlock") throw new FakeError("MethodNotAllowed", `${operation} is not supported by the fake`, 405);
  if (accountHeader !== ctx.account.id) throw new FakeError("AccessDenied", "Access Denied", 403);
  const pab = ctx.account.publicAccessBlock;
  if (!pab) throw new FakeError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
  return xmlReply(`<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${xml({ ...pab })}</PublicAccessBlockConfiguration>`);
}
