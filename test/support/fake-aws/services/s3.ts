import { randomUUID } from "node:crypto";
import type { CallContext } from "../context.ts";
import { tags } from "../context.ts";
import { FakeError, xml, xmlDoc, xmlEscape, xmlReply, type Reply } from "../wire.ts";
import { etagOf, type FakeAccount, type FakeBucket, type ListedObject, type ObjectStore, type StoredObject } from "../world.ts";

const NS = "http://s3.amazonaws.com/doc/2006-03-01/";

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new FakeError("InvalidURI", "Couldn't parse the specified URI.", 400);
  }
}

/** Object sub-resources the fake does not serve: named so that a call to one is recorded for what it is. */
const OBJECT_SUB = ["acl", "tagging", "retention", "legal-hold", "attributes", "torrent", "uploadId", "uploads"];

/**
 * The operation a path-style request names: `/` lists buckets; `/bucket?sub` reads a sub-resource;
 * `/bucket/?list-type=2` lists objects; `/bucket/key` reads an object. `path` is the raw
 * (still percent-encoded) path, without the query.
 */
export function s3Operation(method: string, path: string, query: URLSearchParams): { operation: string; bucket: string | null; key: string | null } {
  const slash = path.indexOf("/", 1);
  const bucket = decode(slash < 0 ? path.slice(1) : path.slice(1, slash)) || null;
  const key = slash < 0 ? "" : decode(path.slice(slash + 1));
  if (!bucket) return { operation: "ListBuckets", bucket, key: null };
  if (key) {
    const sub = OBJECT_SUB.find((k) => query.has(k));
    if (sub) return { operation: `${method}:object-${sub}`, bucket, key };
    const op = method === "GET" ? "GetObject" : method === "HEAD" ? "HeadObject" : `${method}:object`;
    return { operation: op, bucket, key };
  }
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
  for (const [k, op] of Object.entries(sub)) if (query.has(k)) return { operation: method === "GET" ? op : `${method}:${k}`, bucket, key: null };
  if (method === "GET") return { operation: query.get("list-type") === "2" ? "ListObjectsV2" : query.has("versions") ? "ListObjectVersions" : "ListObjects", bucket, key: null };
  return { operation: method === "HEAD" ? "HeadBucket" : `${method}:bucket`, bucket, key: null };
}

function owned(ctx: CallContext, name: string): { bucket: FakeBucket; owner: FakeAccount } {
  for (const a of ctx.world.accounts) {
    const b = a.buckets.find((x) => x.name === name);
    if (!b) continue;
    if (a.id !== ctx.account.id) throw new FakeError("AccessDenied", "Access Denied", 403);
    return { bucket: b, owner: a };
  }
  throw new FakeError("NoSuchBucket", "The specified bucket does not exist", 404, true, { BucketName: name });
}

/** The `x-amz-expiration` header of an object: the earliest enabled expiration rule whose prefix matches. */
export function expirationHeader(b: FakeBucket, key: string, lastModified: string): string | undefined {
  let best: { at: number; id: string } | undefined;
  for (const r of b.lifecycle ?? []) {
    if (!r.enabled || r.days === undefined || !key.startsWith(r.prefix ?? "")) continue;
    // S3 adds the days to the creation time and rounds up to the next midnight UTC (a time on
    // midnight stays: an assumption, AWS documents no such case).
    const day = 86_400_000;
    const at = Math.ceil((Date.parse(lastModified) + r.days * day) / day) * day;
    if (!best || at < best.at) best = { at, id: r.id };
  }
  return best && `expiry-date="${new Date(best.at).toUTCString()}", rule-id="${best.id}"`;
}

function objectHeaders(b: FakeBucket, key: string, o: StoredObject): Record<string, string> {
  const headers: Record<string, string> = {
    "x-amz-request-id": randomUUID(),
    "content-type": o.contentType ?? "binary/octet-stream",
    "content-length": String(o.body.length),
    etag: etagOf(o.body),
    "last-modified": new Date(o.lastModified).toUTCString(),
    "x-amz-server-side-encryption": "AES256",
  };
  for (const [k, v] of Object.entries(o.metadata ?? {})) headers[`x-amz-meta-${k.toLowerCase()}`] = v;
  const expiration = expirationHeader(b, key, o.lastModified);
  if (expiration) headers["x-amz-expiration"] = expiration;
  return headers;
}

function getObject(b: FakeBucket, key: string, head: boolean): Reply {
  const o = b.objects?.get(key);
  // HEAD answers carry no body: the SDK names a bare 404 NotFound.
  if (!o) throw new FakeError("NoSuchKey", "The specified key does not exist.", 404, true, { Key: key });
  return { status: 200, headers: objectHeaders(b, key, o), body: head ? "" : o.body };
}

/** Continuation tokens are opaque to the caller: here the base64 of the position to list strictly after. */
const token = (last: string) => Buffer.from(`v1:${last}`, "utf8").toString("base64");
function untoken(t: string): string {
  const s = Buffer.from(t, "base64").toString("utf8");
  if (!s.startsWith("v1:")) throw new FakeError("InvalidArgument", "The continuation token provided is incorrect", 400, true, { ArgumentName: "continuation-token" });
  return s.slice(3);
}

/** Past every key that starts with the common prefix `cp` (keys are compared as UTF-8 bytes). */
const pastPrefix = (cp: string) => `${cp}\u{10FFFF}\u{10FFFF}`;

interface Page {
  readonly contents: ListedObject[];
  readonly prefixes: string[];
  readonly truncated: boolean;
  /** The position the next page starts strictly after. */
  readonly resume: string | undefined;
}

/** Up to `limit` (> 0) keys and common prefixes under `prefix`, strictly after `from`. */
function listPage(store: ObjectStore, prefix: string, delimiter: string | undefined, from: string | undefined, limit: number): Page {
  const contents: ListedObject[] = [];
  const prefixes: string[] = [];
  let after = from;
  let resume: string | undefined;
  for (;;) {
    const batch = store.list(prefix, after, Math.max(limit - contents.length - prefixes.length, 1) + 1);
    if (!batch.length) return { contents, prefixes, truncated: false, resume };
    for (const o of batch) {
      after = o.key;
      const at = delimiter ? o.key.indexOf(delimiter, prefix.length) : -1;
      const cp = at >= 0 ? o.key.slice(0, at + delimiter!.length) : undefined;
      if (cp !== undefined && cp === prefixes[prefixes.length - 1]) continue;
      if (contents.length + prefixes.length >= limit) return { contents, prefixes, truncated: true, resume };
      if (cp === undefined) {
        contents.push(o);
        resume = o.key;
        continue;
      }
      prefixes.push(cp);
      // Skip the rest of this common prefix in one step: the next batch starts past it.
      after = resume = pastPrefix(cp);
      break;
    }
  }
}

function listObjectsV2(b: FakeBucket, q: URLSearchParams): Reply {
  const prefix = q.get("prefix") ?? "";
  const delimiter = q.get("delimiter") || undefined;
  const startAfter = q.get("start-after") ?? undefined;
  const continuation = q.get("continuation-token") ?? undefined;
  const maxRaw = q.get("max-keys");
  const maxKeys = maxRaw === null ? 1000 : Number(maxRaw);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new FakeError("InvalidArgument", "Provided max-keys not an integer or within integer range", 400, true, { ArgumentName: "max-keys", ArgumentValue: maxRaw ?? "" });
  const limit = Math.min(maxKeys, 1000);
  const urlEncode = q.get("encoding-type") === "url";
  const enc = (s: string) => (urlEncode ? encodeURIComponent(s).replace(/%2F/g, "/") : s);

  const after = continuation !== undefined ? untoken(continuation) : startAfter;
  const store = limit > 0 ? b.objects : undefined;
  const { contents, prefixes, truncated, resume } = store ? listPage(store, prefix, delimiter, after, limit) : { contents: [], prefixes: [], truncated: false, resume: undefined };
  const modifiedIso = (iso: string) => new Date(iso).toISOString();
  const body = xmlDoc(
    "ListBucketResult",
    {
      Name: b.name,
      Prefix: enc(prefix),
      ...(startAfter !== undefined ? { StartAfter: enc(startAfter) } : {}),
      ...(continuation !== undefined ? { ContinuationToken: continuation } : {}),
      KeyCount: contents.length + prefixes.length,
      MaxKeys: maxKeys,
      ...(delimiter ? { Delimiter: enc(delimiter) } : {}),
      ...(urlEncode ? { EncodingType: "url" } : {}),
      IsTruncated: truncated,
      ...(truncated && resume !== undefined ? { NextContinuationToken: token(resume) } : {}),
      Contents: contents.map((o) => ({
        Key: enc(o.key),
        LastModified: modifiedIso(o.lastModified),
        ETag: o.etag,
        Size: o.size,
        StorageClass: "STANDARD",
      })),
      CommonPrefixes: prefixes.map((p) => ({ Prefix: enc(p) })),
    },
    NS,
  );
  return xmlReply(body);
}

function acl(owner: FakeAccount, b: FakeBucket): string {
  const grantee = (type: string, inner: string) => `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${type}">${inner}</Grantee>`;
  const grants = [`<Grant>${grantee("CanonicalUser", `<ID>owner-${owner.id}</ID>`)}<Permission>FULL_CONTROL</Permission></Grant>`];
  for (const g of b.groupGrants) grants.push(`<Grant>${grantee("Group", `<URI>${xmlEscape(g.uri)}</URI>`)}<Permission>${g.permission}</Permission></Grant>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<AccessControlPolicy xmlns="${NS}"><Owner><ID>owner-${owner.id}</ID></Owner><AccessControlList>${grants.join("")}</AccessControlList></AccessControlPolicy>`;
}

/** Parts of the request the object operations read. */
export interface S3Request {
  readonly key?: string | null;
  readonly query?: URLSearchParams;
}

export function s3(operation: string, bucketName: string | null, ctx: CallContext, req: S3Request = {}): Reply {
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
    case "GetObject":
    case "HeadObject":
      return getObject(b, req.key ?? "", operation === "HeadObject");
    case "ListObjectsV2":
      return listObjectsV2(b, req.query ?? new URLSearchParams());
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
