/**
 * Verify one chain: the digest files one trail delivered for one account and region in the time
 * range. Digests are listed and fetched in parallel, their signatures checked, the chain followed
 * backwards through `previousDigestS3Object` in memory, then every log file a valid digest lists
 * is hashed as it streams in, and the log folders are compared with what the digests list.
 */
import { createHash, verify as verifySignature, type KeyObject } from "node:crypto";
import type { IntegrityProblem, LogObject } from "../../model/entities.ts";
import { bucketArn } from "../live/buckets.ts";
import type { Limiter } from "../live/limit.ts";
import { arnLoc } from "../live/loc.ts";
import type { AccountScope } from "../live/scope.ts";
import { dayFolder, dayFolders, digestKeyMatcher, digestNameTime, digestRoot, fileName, logKeyTime, logRoot, parseDigest, signingString, type Digest, type DigestKey, type Layout, type LoggedFile } from "./format.ts";
import type { PublicKeys } from "./keys.ts";
import type { BucketReader } from "./objects.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** CloudTrail delivers a digest a few minutes after the hour it covers ends. */
const DELIVERY_SLACK = 10 * MINUTE;
/** A log file's name gives its delivery time to the minute: near a digest's end it may belong to the next. */
const NAME_SLACK = 5 * MINUTE;
/** Log files this recent may still be waiting for a backfill digest. */
const BACKFILL_WAIT = 2 * HOUR;

export interface ChainEnv {
  readonly start: Date;
  readonly end: Date;
  readonly now: Date;
  readonly keys: PublicKeys;
  readonly limit: Limiter;
}

export interface ChainTarget {
  /** The account whose credentials read the bucket and the keys. */
  readonly scope: AccountScope;
  readonly trailArn: string;
  readonly layout: Layout;
  readonly reader: BucketReader;
  /** CloudTrail delivered digests up to this time (its latest digest delivery, within the range); null: nothing says so. */
  readonly expectUntil: Date | null;
  /** ... and had been logging without a stop since this time (its latest StartLoggingTime); null: unknown. */
  readonly expectFrom: Date | null;
  /** The chain every hour must be in: the owner's home region (others may have been enabled or left since). */
  readonly primary: boolean;
  /** Another trail writes log files to the same folder: files no digest lists cannot be told apart. */
  readonly sharedFolder: boolean;
}

export interface ChainOutcome {
  readonly problems: LogObject[];
  /** The period the valid digests of the chain cover. */
  readonly coveredFrom: Date | null;
  readonly coveredTo: Date | null;
}

type Checked =
  | { readonly kind: "unreadable" }
  | { readonly kind: "missing" }
  | { readonly kind: "unparsable"; readonly why: string }
  | { readonly kind: "digest"; readonly digest: Digest; readonly signature: string | null; readonly valid: boolean; readonly why: string | null };

function later(a: Date, b: Date): Date {
  return a > b ? a : b;
}

function iso(t: Date): string {
  return t.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export async function verifyChain(env: ChainEnv, t: ChainTarget): Promise<ChainOutcome> {
  const { layout, reader } = t;
  const { bucket } = layout;
  const problems: LogObject[] = [];
  const note = (message: string) => t.scope.notes.add({ level: "note", id: "verify", message });
  const problem = (p: IntegrityProblem, key: string, detail: string, extra: Extra = {}) => problemAt(problems, t, bucket, key, p, detail, extra);
  const where = `trail ${t.trailArn}, account ${layout.account}, ${layout.region}`;
  const digestArn = (key: string) => objectArn(t.scope, bucket, key);

  // 1. The trail's digest files named for the range, and two hours past it: a digest ending
  // after the range lists the log files delivered in its last minutes.
  const root = digestRoot(layout, layout.region);
  const listUntil = new Date(env.end.getTime() + 2 * HOUR);
  const listings = await Promise.all(dayFolders(env.start, listUntil).map((day) => env.limit(() => reader.list(bucket, root + day))));
  if (listings.some((l) => !l.ok)) return { problems, coveredFrom: null, coveredTo: null };
  const match = digestKeyMatcher(layout);
  // The trail's own digest files, in listing order; a digest file of another trail means it shares the folder.
  const ours: DigestKey[] = [];
  let othersHere = false;
  for (const l of listings) {
    for (const o of l.ok ? l.value : []) {
      const k = match(o.key);
      if (k) ours.push(k);
      else if (digestNameTime(o.key)) othersHere = true;
    }
  }
  const listed = ours.filter((k) => k.end > env.start && k.end <= listUntil);
  const sharedFolder = t.sharedFolder || othersHere;
  const chain = listed.filter((k) => !k.backfill && k.end.getTime() <= env.end.getTime() + HOUR).sort((a, b) => a.end.getTime() - b.end.getTime());

  // 2. Fetch and check every digest, in parallel; report each one that fails on its own.
  const checked = new Map<string, Checked>();
  await Promise.all(
    listed.map((k) =>
      env.limit(async () => {
        checked.set(k.key, await checkDigest(env, t, k.key));
      }),
    ),
  );
  for (const [key, c] of checked) {
    if (c.kind === "missing") problem("digest-missing", key, "it was listed in the bucket, then could not be read (deleted during verification?)");
    else if (c.kind === "unparsable") problem("digest-signature-invalid", key, c.why);
    else if (c.kind === "digest" && !c.valid && c.why) problem("digest-signature-invalid", key, c.why);
  }

  // 3. Follow the chain from the newest digest back.
  const visited = new Set<string>();
  const olderThan = (time: Date) => {
    for (let i = chain.length - 1; i >= 0; i--) if (chain[i]!.end < time && !visited.has(chain[i]!.key)) return chain[i];
    return undefined;
  };
  const byKey = new Map(chain.map((k) => [k.key, k]));
  /** Digests are missing from `from` to `to` although the chain or the trail's status says they were delivered. */
  const gap = (from: Date, to: Date, detail: string, listedBy?: string) => {
    if (to.getTime() - from.getTime() <= DELIVERY_SLACK) return;
    if (reader.retention.expired(bucket, "digest", to, env.now)) note(`${where}: the digest files from ${iso(from)} to ${iso(to)} are past the bucket's lifecycle expiry.`);
    else problem("digest-gap", root + dayFolder(from), detail, { from: iso(from), to: iso(to), ...(listedBy ? { listedBy: digestArn(listedBy) } : {}) });
  };
  let cur = chain.at(-1);
  // The signature the newer, valid digest records for the current one.
  let vouched: { key: string; signature: string | null } | null = null;
  while (cur && !visited.has(cur.key)) {
    visited.add(cur.key);
    const c = checked.get(cur.key)!;
    if (c.kind === "digest" && c.valid && vouched && c.signature !== vouched.signature)
      problem("digest-signature-invalid", cur.key, `its signature is not the one the next digest file records for it (previousDigestSignature of ${fileName(vouched.key)})`, { listedBy: digestArn(vouched.key) });
    if (c.kind !== "digest") {
      vouched = null;
      cur = olderThan(cur.end);
      continue;
    }
    const d = c.digest;
    if (d.previousDigestS3Object === null) {
      // CloudTrail starts a new chain when logging or log file validation was off before it.
      const next = olderThan(cur.end);
      if (next) note(`${where}: no digest files between ${iso(next.end)} and ${d.digestStartTime}; CloudTrail started a new chain at ${cur.key} (logging or log file validation was off).`);
      vouched = null;
      cur = next;
      continue;
    }
    const prevKey = d.previousDigestS3Object;
    const prevBucket = d.previousDigestS3Bucket ?? bucket;
    const prevEnd = digestNameTime(prevKey);
    if (prevEnd && prevEnd <= env.start) break; // the chain leaves the range
    const next = byKey.get(prevKey);
    if (prevBucket === bucket && next) {
      vouched = c.valid ? { key: cur.key, signature: d.previousDigestSignature } : null;
      cur = next;
      continue;
    }
    if (prevBucket !== bucket || !prevKey.startsWith(root)) {
      note(`${where}: the chain continues in s3://${prevBucket}/${prevKey} (the trail's bucket or prefix changed); digest files there are not verified.`);
      break;
    }
    // Named by a digest, in this folder and in the range, and not there.
    if (prevEnd && reader.retention.expired(bucket, "digest", prevEnd, env.now)) note(`${where}: digest file s3://${bucket}/${prevKey} is past the bucket's lifecycle expiry; it was deleted by the rule, not checked.`);
    else problem("digest-missing", prevKey, `the next digest file, ${fileName(cur.key)}, names it as the previous one`, { listedBy: digestArn(cur.key) });
    const older = olderThan(prevEnd ?? cur.end);
    if (prevEnd) {
      // One missing digest covers one hour: anything missing before it is a gap, back to the
      // next digest here or, when none is left, to when the trail last started logging.
      const before = new Date(prevEnd.getTime() - HOUR);
      const from = older?.end ?? (t.expectFrom ? later(t.expectFrom, env.start) : null);
      if (from && from.getTime() < before.getTime() - DELIVERY_SLACK) gap(from, before, `the digest files before ${fileName(prevKey)}, which is missing too`, cur.key);
    }
    vouched = null;
    cur = older;
  }

  // 4. The newest end: CloudTrail says it delivered digests later than the newest one here.
  const newest = chain.at(-1)?.end ?? null;
  if (t.expectUntil && (newest || t.primary)) {
    const from = newest ?? later(t.expectFrom ?? env.start, env.start);
    if (from.getTime() < t.expectUntil.getTime() - HOUR - DELIVERY_SLACK) {
      if (!newest && reader.retention.daysOf(bucket, "digest") === undefined) await probeRetention(t, t.expectUntil, ours);
      gap(
        from,
        t.expectUntil,
        newest
          ? `CloudTrail delivered digest files until ${iso(t.expectUntil)} (GetTrailStatus), the newest one here ends at ${iso(newest)}`
          : `CloudTrail delivered digest files until ${iso(t.expectUntil)} (GetTrailStatus), none is here`,
      );
    }
  } else if (!chain.length) note(`${where}: no digest files in the period; not verified there.`);

  // 5. Hash every log file that a valid digest lists.
  const missing: { f: LoggedFile; key: string; delivered: Date }[] = [];
  const validDigests = [...checked.entries()].flatMap(([key, c]) => (c.kind === "digest" && c.valid ? [{ key, digest: c.digest }] : []));
  await Promise.all(
    validDigests.flatMap(({ key, digest }) =>
      digest.logFiles.map((f) =>
        env.limit(async () => {
          if (f.hashAlgorithm.toUpperCase() !== "SHA-256") {
            note(`${where}: log file s3://${f.s3Bucket}/${f.s3Object} is listed with hash algorithm ${f.hashAlgorithm}, which trailguard does not know; not checked.`);
            return;
          }
          const got = await reader.hashLog(f.s3Bucket, f.s3Object);
          if (!got.ok) return; // said in a notification
          const put = (p: IntegrityProblem, detail: string) => problemAt(problems, t, f.s3Bucket, f.s3Object, p, detail, { listedBy: digestArn(key) });
          if (got.value === null) missing.push({ f, key, delivered: logKeyTime(f.s3Object) ?? new Date(digest.digestStartTime) });
          else if ("invalid" in got.value) put("log-modified", got.value.invalid);
          else if (got.value.sha256 !== f.hashValue) put("log-modified", `its SHA-256 is ${got.value.sha256}, digest file ${fileName(key)} lists ${f.hashValue}`);
        }),
      ),
    ),
  );

  // Judged once every file was read: the bucket's lifecycle is learned from the files that are there.
  for (const { f, key, delivered } of missing) {
    if (reader.retention.expired(f.s3Bucket, "log", delivered, env.now)) note(`${where}: log file s3://${f.s3Bucket}/${f.s3Object} is past the bucket's lifecycle expiry; it was deleted by the rule, not checked.`);
    else problemAt(problems, t, f.s3Bucket, f.s3Object, "log-missing", `digest file ${fileName(key)} lists it`, { listedBy: digestArn(key) });
  }

  // 6. Log files no digest lists, inside the hours valid digests here cover. The files of a
  // digest reported as invalid (TG023) count as listed: that result already accounts for them.
  if (sharedFolder) note(`${where}: another trail delivers to the same folder, so its log files cannot be told apart; log files listed by no digest are not looked for.`);
  else if (validDigests.length) {
    const accounted = [...checked.values()].flatMap((c) => (c.kind === "digest" && (c.valid || c.why) ? [c.digest] : []));
    await findUnlisted(env, t, validDigests.map((v) => v.digest), accounted, problems);
  }

  const coveredFrom = validDigests.length ? new Date(Math.min(...validDigests.map((v) => Date.parse(v.digest.digestStartTime)))) : null;
  const coveredTo = validDigests.length ? new Date(Math.max(...validDigests.map((v) => Date.parse(v.digest.digestEndTime)))) : null;
  return { problems, coveredFrom, coveredTo };
}

type Extra = Partial<Pick<LogObject, "from" | "to" | "listedBy">>;

/** An object's ARN: results are located at it (their messages name its file). */
function objectArn(scope: AccountScope, bucket: string, key: string): string {
  return `${bucketArn(scope, bucket)}/${key}`;
}

function problemAt(problems: LogObject[], t: ChainTarget, bucket: string, key: string, p: IntegrityProblem, detail: string, extra: Extra = {}): void {
  const arn = objectArn(t.scope, bucket, key);
  problems.push({
    type: "logObject",
    problem: p,
    address: arn,
    source: "live",
    loc: arnLoc(arn),
    label: `s3://${bucket}/${key}`,
    arn,
    account: t.layout.account,
    region: t.layout.region,
    trailArn: t.trailArn,
    bucket,
    key,
    detail,
    ...extra,
  });
}

/**
 * When nothing here says how long the bucket keeps objects: ask S3 about the trail's newest digest
 * in the day folder of `until` (one of the folders step 1 listed: `until` lies within the range).
 */
async function probeRetention(t: ChainTarget, until: Date, ours: readonly DigestKey[]): Promise<void> {
  const folder = digestRoot(t.layout, t.layout.region) + dayFolder(until);
  const last = ours.filter((k) => k.key.startsWith(folder)).at(-1);
  if (last) await t.reader.probeRetention(t.layout.bucket, last.key);
}

async function checkDigest(env: ChainEnv, t: ChainTarget, key: string): Promise<Checked> {
  const { bucket } = t.layout;
  const got = await t.reader.digest(bucket, key);
  if (!got.ok) return { kind: "unreadable" };
  if (got.value === null) return { kind: "missing" };
  const { content, signature, signatureAlgorithm } = got.value;
  if (!content) return { kind: "unparsable", why: "it is not a gzip file" };
  const digest = parseDigest(content.toString("utf8"));
  if (typeof digest === "string") return { kind: "unparsable", why: digest };
  const bad = (why: string): Checked => ({ kind: "digest", digest, signature, valid: false, why });
  if (digest.digestS3Bucket !== bucket || digest.digestS3Object !== key) return bad(`it says it was delivered to s3://${digest.digestS3Bucket}/${digest.digestS3Object} (moved or copied)`);
  if (!signature) return bad("its object has no signature metadata (x-amz-meta-signature)");
  const algorithm = signatureAlgorithm ?? digest.digestSignatureAlgorithm;
  if (algorithm !== "SHA256withRSA") return bad(`its signature algorithm ${algorithm} is not SHA256withRSA`);
  const found = await env.keys.find(t.scope, [t.layout.region, t.layout.homeRegion], digest.digestPublicKeyFingerprint);
  // The keys could not be listed: said in a notification; the signature is unknown, not bad.
  if ("unreadable" in found) return { kind: "digest", digest, signature, valid: false, why: null };
  if ("unknownFingerprint" in found) return bad(`it names public key ${digest.digestPublicKeyFingerprint}, which CloudTrail does not list for the period`);
  const contentHash = createHash("sha256").update(content).digest("hex");
  return signed(signingString(digest, contentHash), found.key, signature) ? { kind: "digest", digest, signature, valid: true, why: null } : bad(`its signature does not verify with CloudTrail's public key ${digest.digestPublicKeyFingerprint}`);
}

/** RSA PKCS #1 v1.5 with SHA-256 over the string; a signature that is not hex does not verify. */
function signed(text: string, key: KeyObject, hexSignature: string): boolean {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hexSignature)) return false;
  return verifySignature("sha256", Buffer.from(text), key, Buffer.from(hexSignature, "hex"));
}

async function findUnlisted(env: ChainEnv, t: ChainTarget, covering: readonly Digest[], accounted: readonly Digest[], problems: LogObject[]): Promise<void> {
  const { layout, reader } = t;
  const listedKeys = new Set(accounted.flatMap((d) => d.logFiles.filter((f) => f.s3Bucket === layout.bucket).map((f) => f.s3Object)));
  const windows = covering.map((d) => [Date.parse(d.digestStartTime), Date.parse(d.digestEndTime) - NAME_SLACK] as const);
  const latest = Math.min(env.end.getTime(), env.now.getTime() - BACKFILL_WAIT);
  const root = logRoot(layout);
  const listings = await Promise.all(dayFolders(env.start, env.end).map((day) => env.limit(() => reader.list(layout.bucket, root + day))));
  for (const l of listings) {
    if (!l.ok) continue;
    for (const o of l.value) {
      if (listedKeys.has(o.key)) continue;
      const at = logKeyTime(o.key)?.getTime();
      if (at === undefined || at < env.start.getTime() || at > latest) continue;
      if (!windows.some(([from, to]) => at >= from && at < to)) continue;
      problemAt(problems, t, layout.bucket, o.key, "log-unlisted", `it was delivered at ${iso(new Date(at))}, within the hour a valid digest file here covers`);
    }
  }
}
