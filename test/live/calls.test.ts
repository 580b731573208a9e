import { describe, expect, it } from "vitest";
import { ForbiddenOperationError } from "../../src/adapters/live/allow-list.ts";
import { Notes, read, readPages, type Site } from "../../src/adapters/live/calls.ts";

const site: Site = { account: "111111111111", region: "eu-west-1", client: "S3Client", operation: "GetBucketPolicy", resource: "logs" };
const awsError = (name: string, message = "boom") => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

describe("how call failures are told", () => {
  it("AccessDenied: an access-denied error naming the call, region, account and permission; the value is unknown", async () => {
    const notes = new Notes();
    const got = await read(site, notes, () => Promise.reject(awsError("AccessDenied")));
    expect(got).toEqual({ ok: false, reason: "access-denied", code: "AccessDenied" });
    expect(notes.list).toEqual([
      { level: "error", id: "access-denied", message: "GetBucketPolicy in eu-west-1 for account 111111111111 (logs) was denied: the scan needs the IAM permission s3:GetBucketPolicy (docs/iam-policy.json); the values it reads are unknown." },
    ]);
  });

  it("a region that is not enabled is said so", async () => {
    const notes = new Notes();
    await read({ ...site, client: "CloudTrailClient", operation: "DescribeTrails" }, notes, () => Promise.reject(awsError("UnrecognizedClientException")));
    expect(notes.list[0]).toMatchObject({ id: "access-denied", message: expect.stringContaining("not enabled for the account (an opt-in region)") });
  });

  it("any other error (throttling after every retry, 5xx, network) is an api-error; never a value", async () => {
    const notes = new Notes();
    const got = await read(site, notes, () => Promise.reject(awsError("ThrottlingException", "Rate exceeded")));
    expect(got.ok).toBe(false);
    expect(notes.list[0]).toMatchObject({ level: "error", id: "api-error", message: expect.stringContaining("ThrottlingException: Rate exceeded") });
  });

  it("codes that mean 'not configured' give the value that stands for it, silently", async () => {
    const notes = new Notes();
    expect(await read(site, notes, () => Promise.reject(awsError("NoSuchBucketPolicy")), { NoSuchBucketPolicy: null })).toEqual({ ok: true, value: null });
    expect(notes.list).toEqual([]);
  });

  it("each notification once", async () => {
    const notes = new Notes();
    for (let i = 0; i < 3; i++) await read(site, notes, () => Promise.reject(awsError("AccessDenied")));
    expect(notes.list).toHaveLength(1);
  });

  it("a forbidden operation is a bug, not an AWS answer: it propagates", async () => {
    await expect(read(site, new Notes(), () => Promise.reject(new ForbiddenOperationError("no")))).rejects.toBeInstanceOf(ForbiddenOperationError);
  });

  it("pages are read to the end; a failed page fails the whole list", async () => {
    const pages: Record<string, { items: number[]; next?: string }> = { start: { items: [1, 2], next: "b" }, b: { items: [3] } };
    const all = await readPages(site, new Notes(), async (t) => pages[t ?? "start"]!, (p) => p.items, (p) => p.next);
    expect(all).toEqual({ ok: true, value: [1, 2, 3] });
    const broken = await readPages(site, new Notes(), async (t) => (t ? Promise.reject(awsError("AccessDenied")) : pages["start"]!), (p) => p.items, (p) => p.next);
    expect(broken.ok).toBe(false);
  });
});
