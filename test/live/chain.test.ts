import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { scanLive } from "../../src/live.ts";
import { useFakeEnv } from "../support/fake-aws/env.ts";
import { sharedFake } from "../support/fake-aws/harness.ts";
import * as S from "../support/fake-aws/scenarios.ts";
import { callerKey } from "../support/fake-aws/world.ts";

it("--profile: credentials, region and endpoint from the shared config files (the SDK's standard chain)", async () => {
  const fake = await sharedFake();
  fake.world = S.world(S.wellKept(S.ACCOUNT, { account: { regions: ["eu-west-1", "us-east-1"] } }));
  fake.calls.length = 0;
  const dir = mkdtempSync(path.join(tmpdir(), "trailguard-profile-"));
  writeFileSync(path.join(dir, "config"), `[profile audit]\nregion = eu-west-1\nendpoint_url = ${fake.url}\n`);
  writeFileSync(path.join(dir, "credentials"), `[audit]\naws_access_key_id = ${callerKey(S.ACCOUNT)}\naws_secret_access_key = x\n`);
  const restore = useFakeEnv("unused", "000000000000");
  for (const v of ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"]) Reflect.deleteProperty(process.env, v);
  process.env["AWS_CONFIG_FILE"] = path.join(dir, "config");
  process.env["AWS_SHARED_CREDENTIALS_FILE"] = path.join(dir, "credentials");
  try {
    const run = await scanLive({ cwd: dir, anchor: "a.md", profile: "audit" });
    expect(run.notifications).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.automationId).toBe(`trailguard/live/${S.ACCOUNT}/`);
    // Global calls went to the profile's region; S3 was addressed path-style at the profile's endpoint.
    expect(fake.calls.find((c) => c.operation === "GetCallerIdentity")?.region).toBe("eu-west-1");
    expect(fake.calls.filter((c) => c.service === "s3").length).toBeGreaterThan(5);
  } finally {
    restore();
  }
});

it("sharded SARIF logs merge into the whole organization's log", async () => {
  const fake = await sharedFake();
  fake.world = S.stormWorld();
  const restore = useFakeEnv(fake.url, S.MANAGEMENT);
  const dir = mkdtempSync(path.join(tmpdir(), "trailguard-shards-"));
  const io = { cwd: dir, stdoutIsTTY: false, stderrIsTTY: false, stdout: () => {}, stderr: () => {} };
  const org = ["scan", "--live", "--org", "--role-name", "OrganizationAccountAccessRole", "--regions", "us-east-1,eu-west-1", "--anchor", "a.md", "--quiet"];
  try {
    for (const [i, name] of [["1/2", "s1.sarif"], ["2/2", "s2.sarif"], ["1/1", "whole.sarif"]]) expect(await main([...org, "--shard", i!, "--format", `sarif=${name}`], io)).toBe(1);
    let merged = "";
    expect(await main(["merge", "s1.sarif", "s2.sarif"], { ...io, stdout: (s) => (merged += s) })).toBe(0);
    const { readFileSync } = await import("node:fs");
    const whole = JSON.parse(readFileSync(path.join(dir, "whole.sarif"), "utf8"));
    const log = JSON.parse(merged);
    const ids = (l: typeof log) => l.runs[0].results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["trailguard/v1"]).sort();
    expect(ids(log)).toEqual(ids(whole));
    expect(log.runs[0].automationDetails.id).toBe(`trailguard/live/org/${S.ORG_ID}/`);
  } finally {
    restore();
  }
});
