import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_OPERATIONS, isAllowed, requiredPermissions } from "../../src/adapters/live/allow-list.ts";
import { AccountClients, closeTransport, createTransport, type Transport } from "../../src/adapters/live/clients.ts";
import { loadSdk } from "../../src/adapters/live/sdk.ts";
import { useFakeEnv } from "../support/fake-aws/env.ts";
import { sharedFake } from "../support/fake-aws/harness.ts";
import * as S from "../support/fake-aws/scenarios.ts";
import type { FakeAws } from "../support/fake-aws/server.ts";
import { readWorld } from "./support.ts";

const root = path.resolve(import.meta.dirname, "../..");
const ALIASES: Record<string, string> = {
  cloudtrail: "CloudTrailClient", s3: "S3Client", s3control: "S3ControlClient", logs: "CloudWatchLogsClient", cloudwatch: "CloudWatchClient",
  sns: "SNSClient", kms: "KMSClient", sts: "STSClient", organizations: "OrganizationsClient", account: "AccountClient",
};
/** The service names the fake records, for each client. */
const FAKE_SERVICE: Record<string, string> = {
  CloudTrailClient: "cloudtrail", S3Client: "s3", S3ControlClient: "s3-control", CloudWatchLogsClient: "logs", CloudWatchClient: "cloudwatch",
  SNSClient: "sns", KMSClient: "kms", STSClient: "sts", OrganizationsClient: "organizations", AccountClient: "account",
};
const allowedByService = new Map(Object.entries(READ_OPERATIONS).map(([client, ops]) => [FAKE_SERVICE[client]!, new Set(Object.keys(ops))]));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [path.join(dir, d.name)] : []));
}

describe("live scans only read", () => {
  let fake: FakeAws;
  let transport: Transport;
  let restore: () => void;
  beforeAll(async () => {
    fake = await sharedFake();
    fake.world = S.world(S.wellKept());
    restore = useFakeEnv(fake.url, S.ACCOUNT);
    transport = await createTransport(await loadSdk(), { profile: undefined, maxSockets: 8, onCall: () => {} });
  });
  afterAll(() => {
    closeTransport(transport);
    restore();
  });

  it("every allowed operation is a Describe, Get, Head or List call (and STS's AssumeRole)", () => {
    for (const [client, ops] of Object.entries(READ_OPERATIONS))
      for (const op of Object.keys(ops)) expect(/^(Describe|Get|Head|List)/.test(op) || (client === "STSClient" && op === "AssumeRole"), `${client}.${op}`).toBe(true);
  });

  it("a write cannot leave the process: the client refuses it before it is sent", async () => {
    fake.calls.length = 0;
    const { cloudtrail, s3, kms, logs } = transport.sdk;
    const c = new AccountClients(transport, undefined);
    const attempts = [
      () => c.cloudtrail("us-east-1").send(new cloudtrail.StopLoggingCommand({ Name: "audit" })),
      () => c.cloudtrail("us-east-1").send(new cloudtrail.DeleteTrailCommand({ Name: "audit" })),
      () => c.cloudtrail("us-east-1").send(new cloudtrail.LookupEventsCommand({})),
      () => c.s3("us-east-1").send(new s3.PutBucketPolicyCommand({ Bucket: "audit-logs", Policy: "{}" })),
      () => c.s3("us-east-1").send(new s3.DeleteObjectCommand({ Bucket: "audit-logs", Key: "x" })),
      () => c.kms("us-east-1").send(new kms.ScheduleKeyDeletionCommand({ KeyId: "k" })),
      () => c.logs("us-east-1").send(new logs.DeleteMetricFilterCommand({ logGroupName: "g", filterName: "f" })),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ name: "ForbiddenOperationError" });
    expect(fake.calls).toEqual([]);
    // The same clients do send what is allowed.
    await c.cloudtrail("us-east-1").send(new cloudtrail.DescribeTrailsCommand({}));
    expect(fake.calls.map((x) => x.operation)).toEqual(["DescribeTrails"]);
  });

  it("the guard knows each client's own operations only", () => {
    expect(isAllowed("CloudTrailClient", "DescribeTrailsCommand")).toBe(true);
    expect(isAllowed("S3ControlClient", "GetBucketPolicyCommand")).toBe(false);
    expect(isAllowed("CloudTrailClient", "hasOwnProperty")).toBe(false);
  });

  it("the code sends exactly the allowed operations (every `new ...Command` in the live adapter)", () => {
    const used = new Set<string>();
    for (const file of [...sources(path.join(root, "src/adapters/live")), ...sources(path.join(root, "src/adapters/verify"))]) {
      for (const m of readFileSync(file, "utf8").matchAll(/new (?:[\w.]+\.)?(\w+)\.(\w+)Command\(/g)) {
        const client = ALIASES[m[1]!];
        expect(client, `${path.basename(file)}: ${m[0]}`).toBeDefined();
        expect(isAllowed(client!, m[2]!), `${client}.${m[2]}`).toBe(true);
        used.add(`${client}.${m[2]}`);
      }
    }
    const allowed = Object.entries(READ_OPERATIONS).flatMap(([client, ops]) => Object.keys(ops).map((op) => `${client}.${op}`));
    expect([...used].sort()).toEqual(allowed.sort());
  });

  it("docs/iam-policy.json grants exactly the permissions those operations need, read-only", () => {
    const policy = JSON.parse(readFileSync(path.join(root, "docs/iam-policy.json"), "utf8")) as { Statement: { Effect: string; Action: string | string[] }[] };
    const actions = policy.Statement.flatMap((s) => {
      expect(s.Effect).toBe("Allow");
      return Array.isArray(s.Action) ? s.Action : [s.Action];
    });
    expect(actions.every((a) => !a.includes("*"))).toBe(true);
    expect([...actions].sort()).toEqual(requiredPermissions());
  });

  it("what the fake server received during scans is all on the allow-list", async () => {
    const seen = new Set<string>();
    for (const [w, opts] of [
      [S.stormWorld(), { caller: S.MANAGEMENT, org: true, roleName: "OrganizationAccountAccessRole" }],
      [S.sensitiveBucket(true), {}],
      [S.shadowTrails(), { regions: "all" as const }],
    ] as const) {
      const { fake: f } = await readWorld(w, opts);
      for (const c of f.calls) {
        expect(allowedByService.get(c.service)?.has(c.operation), `${c.service}:${c.operation}`).toBe(true);
        seen.add(`${c.service}:${c.operation}`);
      }
    }
    expect(seen.size).toBeGreaterThan(25);
  });
});
