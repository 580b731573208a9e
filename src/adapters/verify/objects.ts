/**
 * The S3 reads of `verify`: listings, digest files (small, read whole) and log files (hashed as a
 * stream, never held in memory). A missing object is an answer; any other failure becomes a
 * notification through the live scan's `read`, never a finding.
 */
import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, gunzipSync } from "node:zlib";
import type { ListObjectsV2CommandOutput } from "@aws-sdk/client-s3";
import { read, readPages, type Outcome } from "../live/calls.ts";
import type { AccountScope } from "../live/scope.ts";

const DAY = 86_400_000;

export interface Listed {
  readonly key: string;
}

export interface VerifyCounters {
  digests: number;
  logs: number;
  /** Bytes received from S3 (compressed). */
  bytesRead: number;
  /** Bytes of uncompressed log data hashed. */
  bytesHashed: number;
}

/**
 * How long the bucket's lifecycle keeps objects, learned from the `x-amz-expiration` header S3
 * sends with an object a rule will expire: a missing object older than that was deleted by the
 * rule, not by someone.
 */
export type ObjectKind = "digest" | "log";

export class Retention {
  /** Whole days, by bucket and kind: logs and digests may expire under different rules. */
  private readonly days = new Map<string, number>();

  learn(bucket: string, kind: ObjectKind, expiration: string | undefined, lastModified: Date | undefined): void {
    const at = `${kind}:${bucket}`;
    if (this.days.has(at)) return;
    const m = expiration && /expiry-date="([^"]+)"/.exec(expiration);
    if (!m || !lastModified) return;
    const expiry = Date.parse(m[1]!);
    if (Number.isNaN(expiry)) return;
    // S3 rounds the expiry up to the next midnight UTC: the whole days before it are the rule's.
    this.days.set(at, Math.max(0, Math.floor((expiry - lastModified.getTime()) / DAY)));
  }

  /** Whether an object delivered at `t` is past the lifecycle expiry of its kind in its bucket (unknown: no). */
  expired(bucket: string, kind: ObjectKind, t: Date, now: Date): boolean {
    const days = this.days.get(`${kind}:${bucket}`);
    return days !== undefined && t.getTime() + days * DAY <= now.getTime();
  }

  daysOf(bucket: string, kind: ObjectKind): number | undefined {
    return this.days.get(`${kind}:${bucket}`);
  }
}

export class BucketReader {
  constructor(
    private readonly scope: AccountScope,
    /** The region whose S3 client is used (redirects are followed to the bucket's). */
    private readonly region: string,
    readonly counters: VerifyCounters,
    readonly retention: Retention,
  ) {}

  private get s3() {
    return this.scope.clients.s3(this.region);
  }

  private site(operation: string, resource: string) {
    return this.scope.site("S3Client", operation, this.region, resource);
  }

  /** Every page of ListObjectsV2 under a prefix (`/`-delimited when `delimited`), each page's items picked by `pick`. */
  private async listPages<T>(bucket: string, prefix: string, delimited: boolean, pick: (page: ListObjectsV2CommandOutput) => T[]): Promise<Outcome<T[]>> {
    const { s3 } = this.scope.clients.transport.sdk;
    return readPages(
      this.site("ListObjectsV2", `s3://${bucket}/${prefix}`),
      this.scope.notes,
      (ContinuationToken) => this.s3.send(new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(delimited ? { Delimiter: "/" } : {}), ...(ContinuationToken ? { ContinuationToken } : {}) })),
      pick,
      (p) => (p.IsTruncated ? p.NextContinuationToken : undefined),
    );
  }

  /** Every key under a prefix. */
  list(bucket: string, prefix: string): Promise<Outcome<Listed[]>> {
    return this.listPages(bucket, prefix, false, (p) => (p.Contents ?? []).flatMap((c) => (c.Key ? [{ key: c.Key }] : [])));
  }

  /** The folder names directly under a prefix (`<prefix><name>/`). */
  folders(bucket: string, prefix: string): Promise<Outcome<string[]>> {
    return this.listPages(bucket, prefix, true, (p) => (p.CommonPrefixes ?? []).flatMap((c) => (c.Prefix ? [c.Prefix.slice(prefix.length).replace(/\/$/, "")] : [])));
  }

  /** Learn the bucket's lifecycle expiry from one object's headers (HeadObject: no body). */
  async probeRetention(bucket: string, key: string): Promise<void> {
    const { s3 } = this.scope.clients.transport.sdk;
    const r = await read(this.site("HeadObject", `s3://${bucket}/${key}`), this.scope.notes, () => this.s3.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: key })), { NotFound: null, NoSuchKey: null });
    if (r.ok && r.value) this.retention.learn(bucket, "digest", r.value.Expiration, r.value.LastModified);
  }

  /** GetObject, the body read by `consume`; null when the object does not exist. */
  private getObject<T>(bucket: string, key: string, kind: ObjectKind, consume: (body: Readable, metadata: Record<string, string>) => Promise<T>): Promise<Outcome<T | null>> {
    const { s3 } = this.scope.clients.transport.sdk;
    return read(
      this.site("GetObject", `s3://${bucket}/${key}`),
      this.scope.notes,
      async () => {
        const r = await this.s3.send(new s3.GetObjectCommand({ Bucket: bucket, Key: key }));
        this.retention.learn(bucket, kind, r.Expiration, r.LastModified);
        return consume(r.Body as Readable, r.Metadata ?? {});
      },
      { NoSuchKey: null },
    );
  }

  /** A digest file: its uncompressed content and the signature in its metadata; null when it does not exist. */
  digest(bucket: string, key: string): Promise<Outcome<FetchedDigest | null>> {
    return this.getObject(bucket, key, "digest", async (body, meta) => {
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks);
      this.counters.bytesRead += raw.length;
      this.counters.digests++;
      let content: Buffer | null;
      try {
        content = gunzipSync(raw);
      } catch {
        content = null;
      }
      return { content, signature: meta["signature"] ?? null, signatureAlgorithm: meta["signature-algorithm"] ?? null };
    });
  }

  /** A log file's SHA-256 over its uncompressed content, computed as it streams in; null when it does not exist. */
  hashLog(bucket: string, key: string): Promise<Outcome<HashedLog | null>> {
    return this.getObject(bucket, key, "log", async (body) => {
      const hashed = await hashGzipStream(body, this.counters);
      this.counters.logs++;
      return hashed;
    });
  }
}

export interface FetchedDigest {
  /** Null when the object is not gzip. */
  readonly content: Buffer | null;
  readonly signature: string | null;
  readonly signatureAlgorithm: string | null;
}

export type HashedLog = { readonly sha256: string } | { readonly invalid: string };

/** gunzip and SHA-256 as the bytes arrive. A body that is not gzip is an answer (the file was replaced), not an error. */
async function hashGzipStream(body: Readable, counters: VerifyCounters): Promise<HashedLog> {
  const hash = createHash("sha256");
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      counters.bytesRead += chunk.length;
      done(null, chunk);
    },
  });
  let inflated = 0;
  try {
    await pipeline(body, count, createGunzip(), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        hash.update(chunk);
        inflated += chunk.length;
      }
    });
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (code.startsWith("Z_")) {
      counters.bytesHashed += inflated;
      return { invalid: "its content is not a gzip file" };
    }
    throw e;
  }
  counters.bytesHashed += inflated;
  return { sha256: hash.digest("hex") };
}
