/**
 * CloudTrail log files and signed digest files, written into a fake bucket as CloudTrail delivers
 * them with log file integrity validation on (AWS CloudTrail User Guide, "CloudTrail digest file
 * structure" and "Custom implementations of CloudTrail log file integrity validation"):
 *
 * - log files `[prefix/]AWSLogs/[orgId/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz`,
 *   gzip of `{"Records":[...]}`, dated by their delivery time (UTC);
 * - one digest file an hour, `[prefix/]AWSLogs/[orgId/]ACCOUNT/CloudTrail-Digest/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail-Digest_REGION_TRAIL_HOMEREGION_YYYYMMDDTHHmmssZ.json.gz`,
 *   dated by its end time, listing the log files delivered in [digestStartTime, digestEndTime) with
 *   the SHA-256 of their uncompressed content, linked to the previous digest by its object, hash
 *   and signature, even when it lists no log file;
 * - the digest's signature, RSA PKCS#1 v1.5 with SHA-256 over
 *   `digestEndTime \n bucket/object \n hex(sha256(uncompressed digest)) \n previous signature or "null"`,
 *   hex, in the object metadata `signature`, with `signature-algorithm: SHA256withRSA`.
 *
 * Everything but the RSA keys is deterministic from the seed (node:crypto cannot derive a key pair
 * from a seed; keys are cached per name within the process instead).
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { dice } from "./wire.ts";
import { account as fakeAccount, bucket as fakeBucket, trail as fakeTrail, trailArn, MapStore, type FakeObject, type FakePublicKey, type FakeWorld } from "./world.ts";

// ---------------------------------------------------------------- keys

/** A CloudTrail signing key pair: the private half signs digests, the public half is what ListPublicKeys serves. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: FakePublicKey;
}

const pairs = new Map<string, { privateKey: KeyObject; der: Buffer }>();

/** Hex MD5 of a PKCS#1 DER public key: the digestPublicKeyFingerprint of the digests it signs. */
export function fingerprintOf(der: Buffer): string {
  return createHash("md5").update(der).digest("hex");
}

/**
 * An RSA 2048 signing key. The pair is generated once per `seedName` in the process (the same name
 * gives the same key, whatever the validity); a different name gives a different key.
 * @param region the region whose ListPublicKeys returns it (every region when absent)
 */
export function makeSigningKey(seedName: string, validFrom: Date | string, validTo: Date | string, region?: string): SigningKey {
  let pair = pairs.get(seedName);
  if (!pair) {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    pair = { privateKey, der: publicKey.export({ type: "pkcs1", format: "der" }) };
    pairs.set(seedName, pair);
  }
  const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());
  return {
    privateKey: pair.privateKey,
    publicKey: { fingerprint: fingerprintOf(pair.der), der: pair.der, validFrom: iso(validFrom), validTo: iso(validTo), ...(region ? { region } : {}) },
  };
}

// ---------------------------------------------------------------- file formats

/** A log file's entry in a digest. */
export interface DigestLogFile {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** Hex SHA-256 of the uncompressed log file. */
  readonly hashValue: string;
  readonly hashAlgorithm: "SHA-256";
  readonly newestEventTime: string;
  readonly oldestEventTime: string;
}

/** The JSON of a digest file, fields in CloudTrail's order. Times are `YYYY-MM-DDTHH:mm:ssZ`. */
export interface DigestFile {
  readonly awsAccountId: string;
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly digestSignatureAlgorithm: "SHA256withRSA";
  readonly newestEventTime: string | null;
  readonly oldestEventTime: string | null;
  readonly previousDigestS3Bucket: string | null;
  readonly previousDigestS3Object: string | null;
  /** Hex SHA-256 of the previous digest's uncompressed content. */
  readonly previousDigestHashValue: string | null;
  readonly previousDigestHashAlgorithm: "SHA-256" | null;
  readonly previousDigestSignature: string | null;
  readonly logFiles: readonly DigestLogFile[];
}

/** The JSON of a log file. */
export interface LogFile {
  readonly Records: readonly Record<string, unknown>[];
}

/** Parses a gzipped JSON object body (a log or digest file). */
export function gunzipJson<T = unknown>(body: Buffer | Uint8Array): T {
  return JSON.parse(gunzipSync(body).toString("utf8")) as T;
}

/** The digest JSON stored under `key`. */
export function readDigest(store: MapStore, key: string): DigestFile {
  const o = store.get(key);
  if (!o) throw new Error(`no digest ${key}`);
  return gunzipJson<DigestFile>(o.body);
}

export const sha256Hex = (data: Buffer | string): string => createHash("sha256").update(data).digest("hex");

/** `YYYY-MM-DDTHH:mm:ssZ`, the time format of digests and events. */
export function isoSeconds(d: Date | number): string {
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const ymdPath = (d: Date) => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
const ymd = (d: Date) => `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;

/** Where a trail writes in its bucket, for one account and region. */
export interface TrailLocation {
  /** The trail's S3KeyPrefix, without the trailing "/". */
  readonly prefix?: string;
  /** For organization trails: the organization ID, between AWSLogs/ and the account. */
  readonly orgId?: string;
  readonly account: string;
  readonly region: string;
}

/** `[prefix/]AWSLogs/[orgId/]ACCOUNT/` */
export function accountRoot(loc: Pick<TrailLocation, "prefix" | "orgId" | "account">): string {
  const prefix = loc.prefix?.replace(/\/+$/, "");
  return `${prefix ? `${prefix}/` : ""}AWSLogs/${loc.orgId ? `${loc.orgId}/` : ""}${loc.account}/`;
}

/** The key of a log file delivered at `delivered`, with its 16-character unique string. */
export function logKey(loc: TrailLocation, delivered: Date, unique: string): string {
  const stamp = `${ymd(delivered)}T${pad(delivered.getUTCHours())}${pad(delivered.getUTCMinutes())}Z`;
  return `${accountRoot(loc)}CloudTrail/${loc.region}/${ymdPath(delivered)}/${loc.account}_CloudTrail_${loc.region}_${stamp}_${unique}.json.gz`;
}

/** The key of the digest file that ends at `end`. */
export function digestKey(loc: TrailLocation & { readonly trailName: string; readonly homeRegion: string }, end: Date): string {
  const stamp = `${ymd(end)}T${pad(end.getUTCHours())}${pad(end.getUTCMinutes())}${pad(end.getUTCSeconds())}Z`;
  return `${accountRoot(loc)}CloudTrail-Digest/${loc.region}/${ymdPath(end)}/${loc.account}_CloudTrail-Digest_${loc.region}_${loc.trailName}_${loc.homeRegion}_${stamp}.json.gz`;
}

/** The string CloudTrail signs for a digest: end time, S3 path, hash of the uncompressed digest, previous signature. */
export function digestStringToSign(d: Pick<DigestFile, "digestEndTime" | "digestS3Bucket" | "digestS3Object" | "previousDigestSignature">, uncompressed: Buffer): string {
  return `${d.digestEndTime}\n${d.digestS3Bucket}/${d.digestS3Object}\n${sha256Hex(uncompressed)}\n${d.previousDigestSignature ?? "null"}`;
}

/** Hex RSA PKCS#1 v1.5 / SHA-256 signature of a digest's uncompressed bytes. */
export function signDigest(uncompressed: Buffer, key: SigningKey): string {
  const d = JSON.parse(uncompressed.toString("utf8")) as DigestFile;
  return sign("sha256", Buffer.from(digestStringToSign(d, uncompressed), "utf8"), key.privateKey).toString("hex");
}

const digestMetadata = (signature: string) => ({ signature, "signature-algorithm": "SHA256withRSA" });

/**
 * Replaces the signature of the digest object at `key` with one made by `with` over the digest as
 * it now stands (its JSON, fingerprint field included, is left alone). With another key than the
 * one named in the digest, a forgery; with the right key, a re-signing after an edit of the body.
 */
export function resignDigest(store: MapStore, key: string, withKey: SigningKey): string {
  const o = store.get(key);
  if (!o) throw new Error(`no digest ${key}`);
  const signature = signDigest(gunzipSync(o.body), withKey);
  store.put(key, { ...o, metadata: { ...o.metadata, ...digestMetadata(signature) } });
  return signature;
}

// ---------------------------------------------------------------- repeatable randomness and events

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chars = (rand: () => number, set: string, n: number) => Array.from({ length: n }, () => set[Math.floor(rand() * set.length)]).join("");
const uuid = (rand: () => number) => `${chars(rand, HEX, 8)}-${chars(rand, HEX, 4)}-4${chars(rand, HEX, 3)}-${pick(rand, ["8", "9", "a", "b"])}${chars(rand, HEX, 3)}-${chars(rand, HEX, 12)}`;

interface EventKind {
  readonly source: string;
  readonly name: string;
  readonly readOnly: boolean;
  params(rand: () => number, account: string, region: string): unknown;
  response?(rand: () => number, account: string, region: string): unknown;
}

const EVENTS: readonly EventKind[] = [
  { source: "ec2.amazonaws.com", name: "DescribeInstances", readOnly: true, params: () => ({ instancesSet: {}, filterSet: {} }) },
  { source: "s3.amazonaws.com", name: "ListBuckets", readOnly: true, params: () => ({ Host: "s3.amazonaws.com" }) },
  { source: "iam.amazonaws.com", name: "ListRoles", readOnly: true, params: () => null },
  { source: "kms.amazonaws.com", name: "Decrypt", readOnly: true, params: (_r, a, reg) => ({ encryptionAlgorithm: "SYMMETRIC_DEFAULT", encryptionContext: { "aws:lambda:FunctionArn": `arn:aws:lambda:${reg}:${a}:function:ingest` } }) },
  { source: "sts.amazonaws.com", name: "AssumeRole", readOnly: true, params: (r, a) => ({ roleArn: `arn:aws:iam::${a}:role/deploy`, roleSessionName: `ci-${chars(r, HEX, 8)}`, durationSeconds: 3600 }), response: (r) => ({ credentials: { accessKeyId: `ASIA${chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`, expiration: "Jan 1, 2030, 12:00:00 AM" } }) },
  { source: "logs.amazonaws.com", name: "CreateLogStream", readOnly: false, params: (r) => ({ logGroupName: "/aws/lambda/ingest", logStreamName: `2026/01/01/[$LATEST]${chars(r, HEX, 32)}` }) },
  { source: "ec2.amazonaws.com", name: "CreateTags", readOnly: false, params: (r) => ({ resourcesSet: { items: [{ resourceId: `i-${chars(r, HEX, 17)}` }] }, tagSet: { items: [{ key: "team", value: "platform" }] } }), response: (r) => ({ requestId: uuid(r), _return: true }) },
  { source: "cloudtrail.amazonaws.com", name: "LookupEvents", readOnly: true, params: () => ({ maxResults: 50 }) },
  { source: "ssm.amazonaws.com", name: "GetParameter", readOnly: true, params: () => ({ name: "/app/config/endpoint", withDecryption: false }) },
  { source: "lambda.amazonaws.com", name: "UpdateFunctionConfiguration20150331v2", readOnly: false, params: () => ({ functionName: "ingest", timeout: 30 }) },
];

const AGENTS = ["aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard", "aws-sdk-js/3.600.0 ua/2.1 os/linux#5.10 lang/js md/nodejs#20.15.0", "Boto3/1.34.100 md/Botocore#1.34.100 ua/2.0 os/linux#5.10 md/arch#x86_64 lang/python#3.12.3", "console.amazonaws.com"];

/** One realistic management event of `account` in `region` at `time`. */
function makeRecord(rand: () => number, account: string, region: string, time: number): Record<string, unknown> {
  const kind = pick(rand, EVENTS);
  const role = pick(rand, ["deploy", "ReadOnlyAudit", "lambda-ingest", "OrganizationAccountAccessRole"]);
  const session = `s-${chars(rand, HEX, 10)}`;
  const roleId = `AROA${chars(rand, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17)}`;
  const host = kind.source.replace(".amazonaws.com", "");
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "AssumedRole",
      principalId: `${roleId}:${session}`,
      arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
      accountId: account,
      accessKeyId: `ASIA${chars(rand, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`,
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: roleId, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role },
        attributes: { creationDate: isoSeconds(time - 600_000), mfaAuthenticated: "false" },
      },
    },
    eventTime: isoSeconds(time),
    eventSource: kind.source,
    eventName: kind.name,
    awsRegion: region,
    sourceIPAddress: `203.0.113.${1 + Math.floor(rand() * 250)}`,
    userAgent: pick(rand, AGENTS),
    requestParameters: kind.params(rand, account, region),
    responseElements: kind.response?.(rand, account, region) ?? null,
    requestID: uuid(rand),
    eventID: uuid(rand),
    readOnly: kind.readOnly,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
    tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: `${host}.${region}.amazonaws.com` },
  };
}

/** Events of a log file delivered at `delivered`: `n` times in the five minutes before, oldest first. */
function makeRecords(rand: () => number, account: string, region: string, delivered: number, n: number): { records: Record<string, unknown>[]; oldest: number; newest: number } {
  const times = Array.from({ length: n }, () => delivered - 30_000 - Math.floor(rand() * 270) * 1000).sort((a, b) => a - b);
  return { records: times.map((t) => makeRecord(rand, account, region, t)), oldest: times[0] ?? delivered, newest: times[times.length - 1] ?? delivered };
}

// ---------------------------------------------------------------- digest chains

interface LogEntry {
  readonly key: string;
  readonly hash: string;
  readonly oldest: number;
  readonly newest: number;
}

/** A digest file as delivered. */
export interface DeliveredDigest {
  readonly key: string;
  readonly start: Date;
  readonly end: Date;
  /** Hex signature, as in the object metadata. */
  readonly signature: string;
  /** Hex SHA-256 of the uncompressed digest (the next digest's previousDigestHashValue). */
  readonly hash: string;
  /** The previous digest of the chain; null for the first digest of a chain. */
  readonly previousKey: string | null;
  /** The log files it lists, in delivery order. */
  readonly logKeys: string[];
}

type ChainLocation = TrailLocation & { readonly bucket: string; readonly trailName: string; readonly homeRegion: string };

/** Writes the digests of one trail, account and region, keeping the chain. */
class DigestWriter {
  private previous: DeliveredDigest | null = null;

  constructor(
    private readonly store: MapStore,
    private readonly loc: ChainLocation,
    private readonly key: SigningKey,
  ) {}

  /** The next digest starts a new chain (logging was stopped). */
  breakChain(): void {
    this.previous = null;
  }

  write(start: number, end: number, logs: readonly LogEntry[], deliveredAt: number): DeliveredDigest {
    const key = digestKey(this.loc, new Date(end));
    const prev = this.previous;
    const digest: DigestFile = {
      awsAccountId: this.loc.account,
      digestStartTime: isoSeconds(start),
      digestEndTime: isoSeconds(end),
      digestS3Bucket: this.loc.bucket,
      digestS3Object: key,
      digestPublicKeyFingerprint: this.key.publicKey.fingerprint,
      digestSignatureAlgorithm: "SHA256withRSA",
      newestEventTime: logs.length ? isoSeconds(Math.max(...logs.map((l) => l.newest))) : null,
      oldestEventTime: logs.length ? isoSeconds(Math.min(...logs.map((l) => l.oldest))) : null,
      previousDigestS3Bucket: prev ? this.loc.bucket : null,
      previousDigestS3Object: prev?.key ?? null,
      previousDigestHashValue: prev?.hash ?? null,
      previousDigestHashAlgorithm: prev ? "SHA-256" : null,
      previousDigestSignature: prev?.signature ?? null,
      logFiles: logs.map((l) => ({ s3Bucket: this.loc.bucket, s3Object: l.key, hashValue: l.hash, hashAlgorithm: "SHA-256", newestEventTime: isoSeconds(l.newest), oldestEventTime: isoSeconds(l.oldest) })),
    };
    const json = Buffer.from(JSON.stringify(digest), "utf8");
    const signature = signDigest(json, this.key);
    this.store.put(key, { body: gzipSync(json), metadata: digestMetadata(signature), lastModified: new Date(deliveredAt).toISOString(), contentType: "application/json" });
    const out: DeliveredDigest = { key, start: new Date(start), end: new Date(end), signature, hash: sha256Hex(json), previousKey: prev?.key ?? null, logKeys: logs.map((l) => l.key) };
    this.previous = out;
    return out;
  }
}

const HOUR = 3_600_000;

/** The seconds past the hour a trail's digests end at (CloudTrail's are not on the hour). */
export function digestOffsetSeconds(seed: number): number {
  return 31 + Math.floor(dice(seed ^ 0x5eed)() * 240);
}

export interface TrailLogSpec {
  readonly store: MapStore;
  readonly bucket: string;
  /** The trail's S3KeyPrefix. */
  readonly prefix?: string;
  /** The organization ID, for an organization trail. */
  readonly orgId?: string;
  /** The account whose events the files hold (a member account, for an organization trail). */
  readonly account: string;
  /** The region of the events; call again with another region for a multi-region trail. */
  readonly region: string;
  readonly trailName: string;
  readonly homeRegion: string;
  /** The hour of the first digest, on the hour: its digestStartTime is `start` + the trail's offset. */
  readonly start: Date;
  /** Digest hours to deliver (stopped hours included). */
  readonly hours: number;
  /** Log files per hour, spread over it (default 2; 0 gives digests that list none). */
  readonly logsPerHour?: number;
  /** Events per log file (default 3). */
  readonly eventsPerLog?: number;
  readonly key: SigningKey;
  /** Seed of everything random (default 1). */
  readonly seed?: number;
  /** Seconds past the hour digests end at (default: from the seed, between 31 and 270). */
  readonly offsetSeconds?: number;
  /**
   * Periods when the trail was not logging: no log files, no digests; the first digest after it
   * starts a new chain (previous* null). Whole digest hours: an hour that overlaps a period in any
   * part is left out.
   */
  readonly stopped?: readonly { readonly from: Date; readonly to: Date }[];
}

/**
 * Delivers `hours` hours of a trail's log files and digests into `spec.store`. Digest `i` covers
 * [start + i h + offset, start + (i+1) h + offset); its object is written 1 to 4 minutes after its
 * end (LastModified). Returns the digests in time order and every log key.
 */
export function deliverTrailLogs(spec: TrailLogSpec): { digests: DeliveredDigest[]; logs: string[] } {
  const rand = dice(spec.seed ?? 1);
  const offset = (spec.offsetSeconds ?? digestOffsetSeconds(spec.seed ?? 1)) * 1000;
  const perHour = spec.logsPerHour ?? 2;
  const events = spec.eventsPerLog ?? 3;
  const loc: ChainLocation = { bucket: spec.bucket, account: spec.account, region: spec.region, trailName: spec.trailName, homeRegion: spec.homeRegion, ...(spec.prefix ? { prefix: spec.prefix } : {}), ...(spec.orgId ? { orgId: spec.orgId } : {}) };
  const writer = new DigestWriter(spec.store, loc, spec.key);
  const digests: DeliveredDigest[] = [];
  const logs: string[] = [];
  const stopped = (spec.stopped ?? []).map((p) => [p.from.getTime(), p.to.getTime()] as const);
  for (let i = 0; i < spec.hours; i++) {
    const start = spec.start.getTime() + i * HOUR + offset;
    const end = start + HOUR;
    if (stopped.some(([from, to]) => from < end && to > start)) {
      writer.breakChain();
      continue;
    }
    const entries: LogEntry[] = [];
    for (let j = 0; j < perHour; j++) {
      // Spread over the hour, a little jitter, whole seconds, strictly inside [start, end).
      const slot = HOUR / perHour;
      const delivered = start + Math.floor((j * slot + slot * (0.2 + 0.6 * rand())) / 1000) * 1000;
      const key = logKey(loc, new Date(delivered), chars(rand, ALNUM, 16));
      const { records, oldest, newest } = makeRecords(rand, spec.account, spec.region, delivered, events);
      const json = Buffer.from(JSON.stringify({ Records: records }), "utf8");
      spec.store.put(key, { body: gzipSync(json), lastModified: new Date(delivered).toISOString(), contentType: "application/json" });
      entries.push({ key, hash: sha256Hex(json), oldest, newest });
      logs.push(key);
    }
    digests.push(writer.write(start, end, entries, end + 60_000 + Math.floor(rand() * 180) * 1000));
  }
  return { digests, logs };
}

// ---------------------------------------------------------------- the throughput bench

export interface BenchSpec {
  readonly account: string;
  readonly region: string;
  readonly bucket: string;
  readonly trailName: string;
  /** Default: `region`. */
  readonly homeRegion?: string;
  readonly prefix?: string;
  /** Uncompressed bytes of log data to serve in all (e.g. 2 GB). */
  readonly totalBytes: number;
  /** Uncompressed bytes of each log file (default 4 MiB). */
  readonly logBytes?: number;
  /** Log files per digest hour (default 12, one every five minutes). */
  readonly logsPerHour?: number;
  /** Distinct log bodies the log keys share (default 8). */
  readonly templates?: number;
  /** The hour of the first digest. Default: as many hours before `until` as the data needs. */
  readonly start?: Date;
  /** When no `start`: the last digest ends one to two hours before this (default now). */
  readonly until?: Date;
  readonly key: SigningKey;
  readonly seed?: number;
}

export interface BenchStore {
  /** Log keys share a few template bodies, so the store holds only those and the small digests. */
  readonly store: MapStore;
  readonly publicKey: FakePublicKey;
  /** First digest start and last digest end. */
  readonly start: Date;
  readonly end: Date;
  readonly logFiles: number;
  readonly digests: readonly DeliveredDigest[];
  /** Uncompressed bytes of all log files, and their gzipped bytes. */
  readonly logBytes: number;
  readonly gzBytes: number;
}

/** A log body of about `bytes` uncompressed bytes of realistic records. */
function template(rand: () => number, account: string, region: string, bytes: number, at: number): { body: Buffer; hash: string; size: number; oldest: number; newest: number } {
  const parts: string[] = [];
  let size = '{"Records":[]}'.length;
  let t = at - 300_000;
  while (size < bytes) {
    t += Math.floor(rand() * 3) * 1000;
    const s = JSON.stringify(makeRecord(rand, account, region, Math.min(t, at - 30_000)));
    parts.push(s);
    size += s.length + 1;
  }
  const json = Buffer.from(`{"Records":[${parts.join(",")}]}`, "utf8");
  return { body: gzipSync(json), hash: sha256Hex(json), size: json.length, oldest: at - 300_000, newest: Math.min(t, at - 30_000) };
}

/**
 * A bucket store for the verify throughput bench: `totalBytes` of log data without holding it in
 * memory. A few template log bodies are built and gzipped once; every log key serves one of them
 * (chosen from the key, deterministically), and the digests list the template's hash for it. The
 * events inside a template keep the times of the template, not of the key's hour. Digest files are
 * real, signed, chained, and kept in full.
 */
export function benchStore(spec: BenchSpec): BenchStore {
  const seed = spec.seed ?? 7;
  const rand = dice(seed);
  const logBytes = spec.logBytes ?? 4 * 1024 * 1024;
  const perHour = spec.logsPerHour ?? 12;
  const count = Math.max(1, Math.ceil(spec.totalBytes / logBytes));
  const hours = Math.ceil(count / perHour);
  const offset = digestOffsetSeconds(seed) * 1000;
  const start = spec.start ?? new Date(Math.floor((spec.until ?? new Date()).getTime() / HOUR) * HOUR - (hours + 1) * HOUR);
  const templates = Array.from({ length: spec.templates ?? 8 }, (_, i) => template(rand, spec.account, spec.region, logBytes, start.getTime() + i * 60_000));
  const loc: ChainLocation = { bucket: spec.bucket, account: spec.account, region: spec.region, trailName: spec.trailName, homeRegion: spec.homeRegion ?? spec.region, ...(spec.prefix ? { prefix: spec.prefix } : {}) };
  const store = new MapStore();
  const writer = new DigestWriter(store, loc, spec.key);
  const digests: DeliveredDigest[] = [];
  let made = 0;
  let total = 0;
  let gz = 0;
  for (let i = 0; i < hours; i++) {
    const from = start.getTime() + i * HOUR + offset;
    const entries: LogEntry[] = [];
    for (let j = 0; j < perHour && made < count; j++, made++) {
      const delivered = from + Math.floor(((j + 0.5) * HOUR) / perHour / 1000) * 1000;
      const key = logKey(loc, new Date(delivered), chars(rand, ALNUM, 16));
      const tpl = templates[Number.parseInt(sha256Hex(key).slice(0, 8), 16) % templates.length]!;
      const obj: FakeObject = { body: tpl.body, lastModified: new Date(delivered).toISOString(), contentType: "application/json" };
      store.put(key, obj);
      entries.push({ key, hash: tpl.hash, oldest: delivered - 300_000, newest: delivered - 30_000 });
      total += tpl.size;
      gz += tpl.body.length;
    }
    digests.push(writer.write(from, from + HOUR, entries, from + HOUR + 90_000));
  }
  return { store, publicKey: spec.key.publicKey, start: digests[0]!.start, end: digests[digests.length - 1]!.end, logFiles: count, digests, logBytes: total, gzBytes: gz };
}

/** What the bench needs to know of the world `verifyBenchWorld` makes (the second line of `fake-aws.mjs verify`). */
export interface VerifyBenchInfo {
  readonly account: string;
  readonly region: string;
  readonly trailArn: string;
  /** ISO 8601: first digest start, last digest end. */
  readonly start: string;
  readonly end: string;
  /** Uncompressed bytes of all log files. */
  readonly logBytes: number;
  readonly gzBytes: number;
  readonly logFiles: number;
  readonly digests: number;
}

/** One account (111111111111), one single-region trail with validation on, and its bucket holding a bench store of `totalBytes`. */
export function verifyBenchWorld(totalBytes: number, opts: { logBytes?: number; until?: Date; start?: Date } = {}): { world: FakeWorld; info: VerifyBenchInfo } {
  const id = "111111111111";
  const region = "us-east-1";
  const name = "bench-trail";
  const bucketName = `bench-trail-logs-${id}`;
  const now = opts.until ?? new Date();
  const key = makeSigningKey("bench", new Date(now.getTime() - 400 * 24 * HOUR), new Date(now.getTime() + 30 * 24 * HOUR), region);
  const bench = benchStore({ account: id, region, bucket: bucketName, trailName: name, totalBytes, key, until: now, ...(opts.logBytes ? { logBytes: opts.logBytes } : {}), ...(opts.start ? { start: opts.start } : {}) });
  const t = fakeTrail(name, {
    multiRegion: false,
    homeRegion: region,
    bucket: bucketName,
    logFileValidation: true,
    status: {
      IsLogging: true,
      StartLoggingTime: new Date(bench.start.getTime() - 24 * HOUR).toISOString(),
      LatestDeliveryTime: bench.digests[bench.digests.length - 1]!.end.toISOString(),
      LatestDigestDeliveryTime: new Date(bench.end.getTime() + 120_000).toISOString(),
    },
  });
  const world: FakeWorld = {
    partition: "aws",
    accounts: [fakeAccount(id, { trails: [t], buckets: [fakeBucket(bucketName, id, { objects: bench.store })] })],
    publicKeys: [bench.publicKey],
  };
  return {
    world,
    info: {
      account: id,
      region,
      trailArn: trailArn(t, id),
      start: bench.start.toISOString(),
      end: bench.end.toISOString(),
      logBytes: bench.logBytes,
      gzBytes: bench.gzBytes,
      logFiles: bench.logFiles,
      digests: bench.digests.length,
    },
  };
}
