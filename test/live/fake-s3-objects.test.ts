import { CloudTrailClient, ListPublicKeysCommand } from "@aws-sdk/client-cloudtrail";
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { createPublicKey, verify } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeAws, type FakeAws } from "../support/fake-aws/server.ts";
import {
  benchStore,
  deliverTrailLogs,
  digestStringToSign,
  gunzipJson,
  makeSigningKey,
  readDigest,
  resignDigest,
  sha256Hex,
  type DigestFile,
  type LogFile,
} from "../support/fake-aws/trail-logs.ts";
import { MapStore, account, bucket, callerKey, compareUtf8 } from "../support/fake-aws/world.ts";

const A = "111111111111";
const DENIED = "222222222222";
const OTHER = "333333333333";
const BUCKET = `audit-logs-${A}`;
const START = new Date("2026-01-14T22:00:00Z");
const key = makeSigningKey("fake-s3-objects", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "us-east-1");
const other = makeSigningKey("fake-s3-objects-forger", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
const oldKey = makeSigningKey("fake-s3-objects-old", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "us-east-1");
const euKey = makeSigningKey("fake-s3-objects-eu", "2025-01-01T00:00:00Z", "2027-01-01T00:00:00Z", "eu-west-1");

const store = new MapStore();
const plain = { body: Buffer.from("hello, world\n"), metadata: { owner: "audit", "signature-algorithm": "none" }, lastModified: "2026-01-15T10:30:00Z" };
for (const k of ["misc/a.txt", "misc/b/1.txt", "misc/b/2.txt", "misc/c/1.txt", "misc/d.txt", "misc/e/x/1.txt", "misc/f.txt"]) store.put(k, plain);
store.put("odd/a b+c/../é!'()*~.json.gz", { body: gzipSync("{}"), lastModified: "2026-01-15T10:30:00Z" });
store.put("odd//double", plain);
const chain = deliverTrailLogs({ store, bucket: BUCKET, account: A, region: "us-east-1", trailName: "audit", homeRegion: "us-east-1", start: START, hours: 30, key, seed: 42, stopped: [{ from: new Date("2026-01-15T06:30:00Z"), to: new Date("2026-01-15T09:10:00Z") }] });

let fake: FakeAws;
beforeAll(async () => {
  fake = await startFakeAws({
    partition: "aws",
    accounts: [
      account(A, { buckets: [bucket(BUCKET, A, { objects: store, lifecycle: [{ id: "expire-logs", enabled: true, prefix: "AWSLogs/", days: 30 }, { id: "off", enabled: false, days: 1 }] })] }),
      account(DENIED, { buckets: [bucket(`logs-${DENIED}`, DENIED, { objects: store })], deny: ["s3:GetObject", "s3:HeadObject", "s3:ListObjectsV2"] }),
      account(OTHER, { buckets: [bucket(`logs-${OTHER}`, OTHER, { objects: store })] }),
    ],
    publicKeys: [key.publicKey, oldKey.publicKey, euKey.publicKey],
  });
});
afterAll(() => fake.close());

const s3 = (id = A) => new S3Client({ endpoint: fake.url, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: callerKey(id, "user/x"), secretAccessKey: "x" }, maxAttempts: 1 });
const cloudtrail = (region = "us-east-1") => new CloudTrailClient({ endpoint: fake.url, region, credentials: { accessKeyId: callerKey(A, "user/x"), secretAccessKey: "x" }, maxAttempts: 1 });

async function listAll(client: S3Client, input: { Prefix?: string; Delimiter?: string; MaxKeys?: number; StartAfter?: string }) {
  const pages: ListObjectsV2CommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, ...input, ContinuationToken: token }));
    pages.push(page);
    token = page.NextContinuationToken;
    if (page.IsTruncated) expect(token).toBeTruthy();
  } while (token);
  return { pages, keys: pages.flatMap((p) => p.Contents?.map((c) => c.Key!) ?? []), prefixes: pages.flatMap((p) => p.CommonPrefixes?.map((c) => c.Prefix!) ?? []) };
}

describe("fake S3 objects through the real SDK client", () => {
  it("ListObjectsV2 pages two at a time, with common prefixes", async () => {
    const { pages, keys, prefixes } = await listAll(s3(), { Prefix: "misc/", Delimiter: "/", MaxKeys: 2 });
    expect(keys).toEqual(["misc/a.txt", "misc/d.txt", "misc/f.txt"]);
    expect(prefixes).toEqual(["misc/b/", "misc/c/", "misc/e/"]);
    expect(pages.map((p) => p.KeyCount)).toEqual([2, 2, 2]);
    expect(pages.map((p) => p.IsTruncated)).toEqual([true, true, false]);
    expect(pages[0]).toMatchObject({ Name: BUCKET, Prefix: "misc/", Delimiter: "/", MaxKeys: 2 });
    expect(pages[1]!.ContinuationToken).toBe(pages[0]!.NextContinuationToken);
    const first = pages[0]!.Contents![0]!;
    expect(first).toMatchObject({ Key: "misc/a.txt", Size: plain.body.length, StorageClass: "STANDARD", ETag: expect.stringMatching(/^"[0-9a-f]{32}"$/) });
    expect(first.LastModified?.toISOString()).toBe("2026-01-15T10:30:00.000Z");
  });

  it("ListObjectsV2 without a delimiter lists every key in UTF-8 order, and honours StartAfter", async () => {
    const all = await listAll(s3(), {});
    expect(all.keys).toHaveLength(store.size);
    expect(all.keys).toEqual([...all.keys].sort(compareUtf8));
    expect(all.pages).toHaveLength(1);
    const after = await listAll(s3(), { Prefix: "misc/", StartAfter: "misc/c/1.txt", MaxKeys: 3 });
    expect(after.keys).toEqual(["misc/d.txt", "misc/e/x/1.txt", "misc/f.txt"]);
    expect(after.pages[0]!.StartAfter).toBe("misc/c/1.txt");
    const nothing = await s3().send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "nope/" }));
    expect(nothing).toMatchObject({ KeyCount: 0, IsTruncated: false });
    expect(nothing.Contents).toBeUndefined();
  });

  it("ListObjectsV2 walks a digest folder by day", async () => {
    const root = `AWSLogs/${A}/CloudTrail-Digest/us-east-1/`;
    const years = await listAll(s3(), { Prefix: root, Delimiter: "/" });
    expect(years.prefixes).toEqual([`${root}2026/`]);
    const days = await listAll(s3(), { Prefix: `${root}2026/01/`, Delimiter: "/", MaxKeys: 1 });
    expect(days.prefixes).toEqual([`${root}2026/01/14/`, `${root}2026/01/15/`, `${root}2026/01/16/`]);
  });

  it("GetObject returns the bytes; HeadObject the metadata, length and expiration; keys are decoded", async () => {
    const d = chain.digests[3]!;
    const got = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: d.key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(store.get(d.key)!.body)).toBe(true);
    expect(got.Metadata).toEqual({ signature: d.signature, "signature-algorithm": "SHA256withRSA" });
    expect(got.ContentLength).toBe(store.get(d.key)!.body.length);
    const head = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: d.key }));
    expect(head.Metadata?.["signature"]).toBe(d.signature);
    expect(head.ContentLength).toBe(store.get(d.key)!.body.length);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(head.LastModified?.getTime()).toBe(Math.floor(Date.parse(store.get(d.key)!.lastModified) / 1000) * 1000);
    expect(head.Expiration).toMatch(/^expiry-date="[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} 00:00:00 GMT", rule-id="expire-logs"$/);

    const misc = await s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: "misc/a.txt" }));
    expect(misc.Metadata).toEqual({ owner: "audit", "signature-algorithm": "none" });
    expect(misc.Expiration).toBeUndefined();

    for (const k of ["odd/a b+c/../é!'()*~.json.gz", "odd//double"]) {
      const o = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: k }));
      expect(Buffer.from(await o.Body!.transformToByteArray()).equals(store.get(k)!.body)).toBe(true);
    }
  });

  it("x-amz-expiration: last modified + days, rounded up to the next midnight UTC", async () => {
    const local = new MapStore([["AWSLogs/x.json.gz", { body: Buffer.from("x"), lastModified: "2026-01-15T10:30:00Z" }]]);
    const f = await startFakeAws({ partition: "aws", accounts: [account(A, { buckets: [bucket("b", A, { objects: local, lifecycle: [{ id: "late", enabled: true, days: 40 }, { id: "soon", enabled: true, prefix: "AWSLogs/", days: 3 }] })] })] });
    try {
      const c = new S3Client({ endpoint: f.url, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: callerKey(A), secretAccessKey: "x" }, maxAttempts: 1 });
      const h = await c.send(new HeadObjectCommand({ Bucket: "b", Key: "AWSLogs/x.json.gz" }));
      expect(h.Expiration).toBe('expiry-date="Mon, 19 Jan 2026 00:00:00 GMT", rule-id="soon"');
    } finally {
      await f.close();
    }
  });

  it("errors as S3 sends them", async () => {
    await expect(s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: "no/such.json.gz" }))).rejects.toMatchObject({ name: "NoSuchKey", Key: "no/such.json.gz", $metadata: { httpStatusCode: 404 } });
    await expect(s3().send(new HeadObjectCommand({ Bucket: BUCKET, Key: "no/such.json.gz" }))).rejects.toMatchObject({ name: "NotFound", $metadata: { httpStatusCode: 404 } });
    await expect(s3().send(new GetObjectCommand({ Bucket: "no-such-bucket", Key: "k" }))).rejects.toMatchObject({ name: "NoSuchBucket" });
    await expect(s3().send(new ListObjectsV2Command({ Bucket: "no-such-bucket" }))).rejects.toMatchObject({ name: "NoSuchBucket" });
    // The deny list of the caller's account.
    const denied = s3(DENIED);
    await expect(denied.send(new GetObjectCommand({ Bucket: `logs-${DENIED}`, Key: "misc/a.txt" }))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    await expect(denied.send(new ListObjectsV2Command({ Bucket: `logs-${DENIED}` }))).rejects.toMatchObject({ name: "AccessDenied", message: expect.stringContaining("s3:ListObjectsV2") });
    await expect(denied.send(new HeadObjectCommand({ Bucket: `logs-${DENIED}`, Key: "misc/a.txt" }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    // Another account's bucket.
    await expect(s3().send(new GetObjectCommand({ Bucket: `logs-${OTHER}`, Key: "misc/a.txt" }))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    await expect(s3().send(new ListObjectsV2Command({ Bucket: `logs-${OTHER}` }))).rejects.toMatchObject({ name: "AccessDenied" });
    const ops = fake.calls.filter((c) => c.service === "s3").map((c) => c.operation);
    expect(new Set(ops)).toEqual(new Set(["GetObject", "HeadObject", "ListObjectsV2"]));
  });
});

describe("CloudTrail ListPublicKeys and the digests it validates", () => {
  it("returns the keys valid in the range, of the region, and one verifies a digest's signature", async () => {
    const ct = cloudtrail();
    const r = await ct.send(new ListPublicKeysCommand({ StartTime: new Date("2026-01-01T00:00:00Z"), EndTime: new Date("2026-02-01T00:00:00Z") }));
    expect(r.PublicKeyList?.map((k) => k.Fingerprint)).toEqual([key.publicKey.fingerprint]);
    const k = r.PublicKeyList![0]!;
    expect(k.ValidityStartTime?.toISOString()).toBe("2025-01-01T00:00:00.000Z");
    expect(k.ValidityEndTime?.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(k.Fingerprint).toMatch(/^[0-9a-f]{32}$/);
    const publicKey = createPublicKey({ key: Buffer.from(k.Value!), format: "der", type: "pkcs1" });

    const d = chain.digests[5]!;
    const object = await s3().send(new GetObjectCommand({ Bucket: BUCKET, Key: d.key }));
    const raw = gunzipSync(await object.Body!.transformToByteArray());
    const digest = JSON.parse(raw.toString("utf8")) as DigestFile;
    expect(digest.digestPublicKeyFingerprint).toBe(k.Fingerprint);
    const toSign = digestStringToSign(digest, raw);
    expect(toSign).toBe(`${digest.digestEndTime}\n${BUCKET}/${d.key}\n${sha256Hex(raw)}\n${digest.previousDigestSignature ?? "null"}`);
    expect(verify("sha256", Buffer.from(toSign), publicKey, Buffer.from(object.Metadata!["signature"]!, "hex"))).toBe(true);

    // A forgery: same fingerprint field, another key.
    const forged = new MapStore([[d.key, store.get(d.key)!]]);
    resignDigest(forged, d.key, other);
    const sig = forged.get(d.key)!.metadata!["signature"]!;
    expect(sig).not.toBe(d.signature);
    expect(verify("sha256", Buffer.from(toSign), publicKey, Buffer.from(sig, "hex"))).toBe(false);
    expect(verify("sha256", Buffer.from(toSign), createPublicKey({ key: other.publicKey.der, format: "der", type: "pkcs1" }), Buffer.from(sig, "hex"))).toBe(true);

    const older = await ct.send(new ListPublicKeysCommand({ StartTime: new Date("2024-06-01T00:00:00Z"), EndTime: new Date("2025-06-01T00:00:00Z") }));
    expect(older.PublicKeyList?.map((x) => x.Fingerprint).sort()).toEqual([key.publicKey.fingerprint, oldKey.publicKey.fingerprint].sort());
    const now = await ct.send(new ListPublicKeysCommand({}));
    expect(now.PublicKeyList?.map((x) => x.Fingerprint)).toEqual([key.publicKey.fingerprint]);
    const eu = await cloudtrail("eu-west-1").send(new ListPublicKeysCommand({ StartTime: new Date("2026-01-01T00:00:00Z"), EndTime: new Date("2026-02-01T00:00:00Z") }));
    expect(eu.PublicKeyList?.map((x) => x.Fingerprint)).toEqual([euKey.publicKey.fingerprint]);
    await expect(ct.send(new ListPublicKeysCommand({ StartTime: new Date("2026-02-01T00:00:00Z"), EndTime: new Date("2026-01-01T00:00:00Z") }))).rejects.toMatchObject({ name: "InvalidTimeRangeException" });
  });
});

describe("deliverTrailLogs", () => {
  const digests = chain.digests.map((d) => ({ d, json: readDigest(store, d.key), raw: gunzipSync(store.get(d.key)!.body) }));

  it("delivers an hourly chain, broken by the stopped hours", () => {
    // 30 hours from 22:00; the hours from 06:xx to 09:xx overlap the stopped period.
    expect(digests).toHaveLength(26);
    const firsts = digests.filter(({ json }) => json.previousDigestS3Object === null);
    expect(firsts.map(({ json }) => json.digestStartTime)).toEqual([digests[0]!.json.digestStartTime, "2026-01-15T10:" + digests[0]!.json.digestStartTime.slice(14)]);
    for (const { json } of firsts) {
      expect(json).toMatchObject({ previousDigestS3Bucket: null, previousDigestHashValue: null, previousDigestHashAlgorithm: null, previousDigestSignature: null });
      expect(Date.parse(json.digestEndTime) - Date.parse(json.digestStartTime)).toBe(3_600_000);
    }
    for (let i = 1; i < digests.length; i++) {
      const prev = digests[i - 1]!;
      const { d, json } = digests[i]!;
      if (json.previousDigestS3Object === null) continue;
      expect(d.previousKey).toBe(prev.d.key);
      expect(json).toMatchObject({
        previousDigestS3Bucket: BUCKET,
        previousDigestS3Object: prev.d.key,
        previousDigestHashValue: sha256Hex(prev.raw),
        previousDigestHashAlgorithm: "SHA-256",
        previousDigestSignature: prev.d.signature,
        digestStartTime: prev.json.digestEndTime,
      });
    }
    expect(digests.every(({ json }) => json.digestEndTime.endsWith("Z") && !json.digestEndTime.includes("."))).toBe(true);
    // Not on the hour.
    expect(digests[0]!.json.digestEndTime.slice(14)).not.toBe("00:00Z");
  });

  it("names digests by end time, so that their keys sort by time", () => {
    const keys = digests.map(({ d }) => d.key);
    expect(keys).toEqual([...keys].sort(compareUtf8));
    for (const { d, json } of digests) {
      const end = json.digestEndTime;
      const stamp = end.replace(/[-:]/g, "");
      expect(d.key).toBe(`AWSLogs/${A}/CloudTrail-Digest/us-east-1/${end.slice(0, 4)}/${end.slice(5, 7)}/${end.slice(8, 10)}/${A}_CloudTrail-Digest_us-east-1_audit_us-east-1_${stamp}.json.gz`);
      expect(json).toMatchObject({ awsAccountId: A, digestS3Bucket: BUCKET, digestS3Object: d.key, digestPublicKeyFingerprint: key.publicKey.fingerprint, digestSignatureAlgorithm: "SHA256withRSA" });
    }
  });

  it("lists each log file delivered in the digest's hour with the hash of its uncompressed content", () => {
    const listed = digests.flatMap(({ json }) => json.logFiles.map((l) => l.s3Object));
    expect(listed.sort()).toEqual([...chain.logs].sort());
    expect(chain.logs).toHaveLength(26 * 2);
    for (const { json } of digests) {
      expect(json.logFiles).toHaveLength(2);
      for (const l of json.logFiles) {
        expect(l.s3Object).toMatch(new RegExp(`^AWSLogs/${A}/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/${A}_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`));
        const body = store.get(l.s3Object)!.body;
        expect(l.hashValue).toBe(sha256Hex(gunzipSync(body)));
        const delivered = Date.parse(store.get(l.s3Object)!.lastModified);
        expect(delivered).toBeGreaterThanOrEqual(Date.parse(json.digestStartTime));
        expect(delivered).toBeLessThan(Date.parse(json.digestEndTime));
        const log = gunzipJson<LogFile>(body);
        expect(log.Records).toHaveLength(3);
        const times = log.Records.map((r) => r["eventTime"] as string);
        expect(l.oldestEventTime).toBe(times[0]);
        expect(l.newestEventTime).toBe(times[times.length - 1]);
        expect(log.Records[0]).toMatchObject({ eventVersion: expect.any(String), awsRegion: "us-east-1", recipientAccountId: A, eventSource: expect.stringMatching(/\.amazonaws\.com$/) });
      }
      expect(json.oldestEventTime).toBe(json.logFiles.map((l) => l.oldestEventTime).sort()[0]);
    }
  });

  it("is repeatable from its seed; writes empty digests; org and prefix paths", () => {
    const a = new MapStore();
    const b = new MapStore();
    const spec = { bucket: "b", prefix: "trails/", orgId: "o-abc123def4", account: "444444444444", region: "eu-west-1", trailName: "org", homeRegion: "us-east-1", start: START, hours: 2, logsPerHour: 0, key, seed: 9 };
    const x = deliverTrailLogs({ ...spec, store: a });
    const y = deliverTrailLogs({ ...spec, store: b });
    expect(x.digests.map((d) => d.key)).toEqual(y.digests.map((d) => d.key));
    expect(x.digests[0]!.key.startsWith("trails/AWSLogs/o-abc123def4/444444444444/CloudTrail-Digest/eu-west-1/2026/01/14/444444444444_CloudTrail-Digest_eu-west-1_org_us-east-1_20260114T23")).toBe(true);
    const empty = readDigest(a, x.digests[1]!.key);
    expect(empty).toMatchObject({ logFiles: [], newestEventTime: null, oldestEventTime: null, previousDigestS3Object: x.digests[0]!.key });
    const logs = deliverTrailLogs({ ...spec, logsPerHour: 1, store: a, seed: 10 }).logs;
    expect(logs[0]).toMatch(/^trails\/AWSLogs\/o-abc123def4\/444444444444\/CloudTrail\/eu-west-1\/2026\/01\/14\/444444444444_CloudTrail_eu-west-1_20260114T22\d\dZ_/);
  });
});

describe("benchStore", () => {
  it("serves log data it does not hold, with the hashes its digests list", () => {
    const bench = benchStore({ account: A, region: "us-east-1", bucket: "bench", trailName: "bench", totalBytes: 24 * 256 * 1024, logBytes: 256 * 1024, templates: 3, logsPerHour: 6, key, start: START });
    expect(bench.logFiles).toBe(24);
    expect(bench.digests).toHaveLength(4);
    expect(bench.logBytes).toBeGreaterThanOrEqual(24 * 256 * 1024);
    const bodies = new Set<Buffer>();
    for (const d of bench.digests) {
      const json = readDigest(bench.store, d.key);
      expect(json.logFiles).toHaveLength(6);
      for (const l of json.logFiles.filter((_, i) => i % 2 === 0)) {
        const o = bench.store.get(l.s3Object)!;
        bodies.add(o.body);
        expect(sha256Hex(gunzipSync(o.body))).toBe(l.hashValue);
        expect(gunzipJson<LogFile>(o.body).Records.length).toBeGreaterThan(50);
      }
    }
    expect(bodies.size).toBeLessThanOrEqual(3);
    const listed = bench.store.list("AWSLogs/", undefined, 1000);
    expect(listed).toHaveLength(24 + 4);
  });
});
