/**
 * The formats CloudTrail delivers in (AWS CloudTrail User Guide, "CloudTrail digest file
 * structure" and "Custom implementations of CloudTrail log file integrity validation"): where
 * log and digest files are written, what a digest holds, and the string its signature covers.
 */

/** Where one account's files of one region are delivered by a trail. */
export interface Layout {
  readonly bucket: string;
  /** The trail's S3 key prefix, without a trailing slash; "" when it has none. */
  readonly prefix: string;
  /** Organization trails write under `AWSLogs/<org ID>/<account>/`. */
  readonly orgId: string | null;
  /** The account whose events the files hold. */
  readonly account: string;
  readonly region: string;
  readonly trailName: string;
  readonly homeRegion: string;
}

function accountRoot(l: Pick<Layout, "prefix" | "orgId" | "account">): string {
  return `${l.prefix ? `${l.prefix}/` : ""}AWSLogs/${l.orgId ? `${l.orgId}/` : ""}${l.account}/`;
}

/** `.../CloudTrail-Digest/<region>/`, or with no region the folder that holds one per region. */
export function digestRoot(l: Pick<Layout, "prefix" | "orgId" | "account">, region?: string): string {
  return `${accountRoot(l)}CloudTrail-Digest/${region ? `${region}/` : ""}`;
}

export function logRoot(l: Layout): string {
  return `${accountRoot(l)}CloudTrail/${l.region}/`;
}

/** Where the accounts of an organization trail's files are: `<prefix>/AWSLogs/<org ID>/`. */
export function orgRoot(prefix: string, orgId: string): string {
  return `${prefix ? `${prefix}/` : ""}AWSLogs/${orgId}/`;
}

/** `YYYY/MM/DD/` of a UTC time: the day folders files are delivered into. */
export function dayFolder(t: Date): string {
  const iso = t.toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/`;
}

const DAY = 86_400_000;

/** Every day folder from the day of `from` to the day of `to`, in order. */
export function dayFolders(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t <= to.getTime(); t += DAY) out.push(dayFolder(new Date(t)));
  return out;
}

/** `20151208T084536Z` or `20151208T0845Z` to a time. */
function compactTime(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return Number.isNaN(t) ? null : new Date(t);
}

export interface DigestKey {
  readonly key: string;
  /** The digest's end time, from its name. */
  readonly end: Date;
  /** A backfill digest lists log files an earlier digest missed; it is not a link of the chain. */
  readonly backfill: boolean;
}

/** An object's file name: the key after its last `/`. */
export function fileName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

/** How every digest file's name ends: `_<end time>[_backfill].json.gz`. */
const DIGEST_END = String.raw`_(\d{8}T\d{6}Z)(_backfill)?\.json\.gz$`;
const digestEndIn = new RegExp(DIGEST_END);
const digestEndAt = new RegExp(`^${DIGEST_END}`);

function digestEnd(re: RegExp, s: string): { end: Date; backfill: boolean } | null {
  const m = re.exec(s);
  const end = m ? compactTime(m[1]!) : null;
  return end ? { end, backfill: !!m![2] } : null;
}

/** The end time in the name of any trail's digest file. */
export function digestNameTime(key: string): Date | null {
  return digestEnd(digestEndIn, key)?.end ?? null;
}

/** Recognizes the digest files of one trail in one region's folder (other trails may share it). */
export function digestKeyMatcher(l: Layout): (key: string) => DigestKey | null {
  const head = `${l.account}_CloudTrail-Digest_${l.region}_${l.trailName}_${l.homeRegion}`;
  const root = digestRoot(l, l.region);
  return (key) => {
    if (!key.startsWith(root)) return null;
    const name = fileName(key);
    const end = name.startsWith(head) ? digestEnd(digestEndAt, name.slice(head.length)) : null;
    return end ? { key, ...end } : null;
  };
}

/** The delivery time in a log file's name (`<account>_CloudTrail_<region>_20151208T0845Z_<id>.json.gz`), to the minute. */
export function logKeyTime(key: string): Date | null {
  const m = /_CloudTrail_[a-z0-9-]+_(\d{8}T\d{4}Z)_[^/]+\.json\.gz$/.exec(key);
  return m ? compactTime(m[1]!) : null;
}

export interface LoggedFile {
  readonly s3Bucket: string;
  readonly s3Object: string;
  readonly hashValue: string;
  readonly hashAlgorithm: string;
}

/** The fields of a digest file that verification reads. */
export interface Digest {
  readonly digestStartTime: string;
  readonly digestEndTime: string;
  readonly digestS3Bucket: string;
  readonly digestS3Object: string;
  readonly digestPublicKeyFingerprint: string;
  readonly digestSignatureAlgorithm: string;
  readonly previousDigestS3Bucket: string | null;
  readonly previousDigestS3Object: string | null;
  readonly previousDigestSignature: string | null;
  readonly logFiles: readonly LoggedFile[];
}

const REQUIRED_TEXT = ["digestStartTime", "digestEndTime", "digestS3Bucket", "digestS3Object", "digestPublicKeyFingerprint"] as const;
const NULLABLE_TEXT = ["previousDigestS3Bucket", "previousDigestS3Object", "previousDigestSignature"] as const;

/** A digest's JSON, checked field by field; a string says what is wrong with it. */
export function parseDigest(text: string): Digest | string {
  let o: unknown;
  try {
    o = JSON.parse(text);
  } catch {
    return "it is not valid JSON";
  }
  if (!o || typeof o !== "object" || Array.isArray(o)) return "it is not a JSON object";
  const d = o as Record<string, unknown>;
  for (const f of REQUIRED_TEXT) if (typeof d[f] !== "string") return `its field ${f} is missing or not a string`;
  for (const f of NULLABLE_TEXT) if (d[f] !== undefined && d[f] !== null && typeof d[f] !== "string") return `its field ${f} is not a string`;
  if (Number.isNaN(Date.parse(d["digestStartTime"] as string)) || Number.isNaN(Date.parse(d["digestEndTime"] as string))) return "its start or end time is not a date";
  const files = d["logFiles"] ?? [];
  if (!Array.isArray(files)) return "its field logFiles is not a list";
  const logFiles: LoggedFile[] = [];
  for (const f of files as unknown[]) {
    const e = f as Record<string, unknown> | null;
    if (!e || typeof e["s3Bucket"] !== "string" || typeof e["s3Object"] !== "string" || typeof e["hashValue"] !== "string") return "an entry of logFiles lacks s3Bucket, s3Object or hashValue";
    logFiles.push({ s3Bucket: e["s3Bucket"], s3Object: e["s3Object"], hashValue: e["hashValue"].toLowerCase(), hashAlgorithm: typeof e["hashAlgorithm"] === "string" ? e["hashAlgorithm"] : "SHA-256" });
  }
  const text_ = (f: string) => d[f] as string;
  const nullable = (f: string) => (typeof d[f] === "string" ? (d[f] as string) : null);
  return {
    digestStartTime: text_("digestStartTime"),
    digestEndTime: text_("digestEndTime"),
    digestS3Bucket: text_("digestS3Bucket"),
    digestS3Object: text_("digestS3Object"),
    digestPublicKeyFingerprint: text_("digestPublicKeyFingerprint"),
    digestSignatureAlgorithm: typeof d["digestSignatureAlgorithm"] === "string" ? d["digestSignatureAlgorithm"] : "SHA256withRSA",
    previousDigestS3Bucket: nullable("previousDigestS3Bucket"),
    previousDigestS3Object: nullable("previousDigestS3Object"),
    previousDigestSignature: nullable("previousDigestSignature"),
    logFiles,
  };
}

/**
 * The string CloudTrail signs: the digest's end time, its `bucket/key`, the hex SHA-256 of its
 * uncompressed content and the previous digest's hex signature (`null` for the first of a chain),
 * one per line.
 */
export function signingString(d: Digest, contentSha256: string): string {
  return `${d.digestEndTime}\n${d.digestS3Bucket}/${d.digestS3Object}\n${contentSha256}\n${d.previousDigestSignature ?? "null"}`;
}
