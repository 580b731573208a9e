import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as Sarif from "sarif";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { useFakeEnv } from "../support/fake-aws/env.ts";
import { sharedFake } from "../support/fake-aws/harness.ts";
import * as S from "../support/fake-aws/scenarios.ts";
import { sarifErrors } from "../support/sarif-schema.ts";

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], opts: { cwd?: string; tty?: boolean } = {}): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { cwd: opts.cwd ?? dir, stdoutIsTTY: false, stderrIsTTY: !!opts.tty, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

let dir: string;
let restore: () => void;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "trailguard-cli-live-"));
  const fake = await sharedFake();
  fake.world = S.deliveryErrors();
  fake.faults = { latencyMs: 0, throttleRate: 0, seed: 1 };
  restore = useFakeEnv(fake.url, S.ACCOUNT);
});
afterEach(() => restore());

describe("trailguard scan --live", () => {
  it("writes SARIF on stdout only: live category, ARN logical locations, the anchor as physical location", async () => {
    const r = await run(["scan", "--live", "--format", "sarif", "--anchor", "README.md"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    const sarifRun = log.runs[0]!;
    expect(sarifRun.automationDetails?.id).toBe(`trailguard/live/${S.ACCOUNT}/`);
    const tg018 = sarifRun.results!.filter((x) => x.ruleId === "TG018");
    expect(tg018).toHaveLength(2);
    for (const x of tg018) {
      expect(x.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe(S.TRAIL_ARN);
      expect(x.locations![0]!.physicalLocation?.artifactLocation?.uri).toBe("README.md");
    }
    expect(r.stderr).toBe("");
  });

  it("the configuration file is the default anchor; without one, a warning says GitHub will reject the log", async () => {
    writeFileSync(path.join(dir, ".trailguard.yml"), "minRetentionDays: 365\n");
    const withConfig = await run(["scan", "--live", "--format", "sarif"]);
    const uri = (JSON.parse(withConfig.stdout) as Sarif.Log).runs[0]!.results![0]!.locations![0]!.physicalLocation?.artifactLocation?.uri;
    expect(uri).toBe(".trailguard.yml");
    const bare = await run(["scan", "--live", "--format", "sarif"], { cwd: mkdtempSync(path.join(tmpdir(), "trailguard-cli-bare-")) });
    expect(bare.stderr).toContain("GitHub code scanning rejects SARIF results without a physical location");
  });

  it("text: results grouped by account and region, each at its ARN", async () => {
    const r = await run(["scan", "--live", "--anchor", "README.md"]);
    expect(r.stdout).toContain(`${S.ACCOUNT} us-east-1`);
    expect(r.stdout).toContain(`${S.TRAIL_ARN}  error  Trail audit fails to deliver its log files to S3: AccessDenied.`);
  });

  it("progress on stderr only for a terminal, and never with --quiet", async () => {
    expect((await run(["scan", "--live", "--anchor", "a.md", "--format", "json", "--output", "out.json"], { tty: false })).stderr).toBe("");
    const tty = await run(["scan", "--live", "--anchor", "a.md", "--format", "json", "--output", "out.json"], { tty: true });
    expect(tty.stderr).toMatch(/accounts 1\/1, regions 17\/17, \d+ API calls\n$/);
    expect(tty.stdout).toBe("");
    expect(JSON.parse(readFileSync(path.join(dir, "out.json"), "utf8")).results[0].arn).toMatch(/^arn:aws:cloudtrail:/);
    expect((await run(["scan", "--live", "--anchor", "a.md", "--quiet", "--format", "json", "--output", "out.json"], { tty: true })).stderr).toBe("");
  });

  it("--concurrency, --regions and --shard reach the scan", async () => {
    const r = await run(["scan", "--live", "--anchor", "a.md", "--concurrency", "2", "--regions", "us-east-1,eu-west-1", "--shard", "1/1", "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.files).toBe(1);
  });

  it("exit 2 when no account could be read, and no report file is written", async () => {
    restore();
    restore = useFakeEnv((await sharedFake()).url, "000000000000");
    const r = await run(["scan", "--live", "--anchor", "a.md", "--format", "sarif=out.sarif"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GetCallerIdentity");
    expect(existsSync(path.join(dir, "out.sarif"))).toBe(false);
  });

  it.each([
    [["scan", "--live", "."], "not files"],
    [["scan", "--org"], "add --live"],
    [["scan", "--regions", "us-east-1"], "add --live"],
    [["scan", "--live", "--org"], "--role-name"],
    [["scan", "--live", "--shard", "3/2"], "--shard"],
    [["scan", "--live", "--shard", "two"], "--shard"],
    [["scan", "--live", "--concurrency", "0"], "--concurrency"],
    [["scan", "--live", "--regions", "mars-1"], "--regions"],
    [["scan", "--live", "--role-arn", "arn:aws:iam::1:user/x"], "--role-arn"],
  ])("usage error: %j", async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe("");
  });

  it("--help states the default concurrency", async () => {
    const r = await run(["scan", "--help"]);
    expect(r.stdout).toContain("(default: 16)");
    expect(r.stdout).toContain("--role-arn");
  });
});
