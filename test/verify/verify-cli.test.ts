/** `trailguard verify` from the command line: options, reports, exit statuses. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type * as Sarif from "sarif";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { useFakeEnv } from "../support/fake-aws/env.ts";
import { sharedFake } from "../support/fake-aws/harness.ts";
import { arnOf, remove, scene, tamperLog, VERIFY_ACCOUNT, type Scene } from "../support/fake-aws/verify-scenes.ts";
import { resultsErrors } from "../support/results-schema.ts";
import { sarifErrors } from "../support/sarif-schema.ts";

let restore: (() => void) | null = null;
afterEach(() => {
  restore?.();
  restore = null;
});

async function run(s: Scene, args: string[], opts: { tty?: boolean } = {}) {
  const fake = await sharedFake();
  fake.world = s.world;
  fake.faults = { latencyMs: 0, throttleRate: 0, seed: 1 };
  restore = useFakeEnv(fake.url, VERIFY_ACCOUNT);
  const out: string[] = [];
  const err: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "trailguard-verify-cli-"));
  const code = await main(["verify", ...args], { cwd: dir, stdoutIsTTY: false, stderrIsTTY: !!opts.tty, stdout: (x) => out.push(x), stderr: (x) => err.push(x) });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const period = (s: Scene) => ["--start-time", s.start.toISOString(), "--end-time", s.end.toISOString()];

describe("trailguard verify", () => {
  it("SARIF: schema-valid, results at the object's ARN, exit 1", async () => {
    const s = scene({ hours: 8 });
    const victim = s.logs[3]!;
    tamperLog(s, victim);
    const r = await run(s, [...period(s), "--format", "sarif", "--anchor", "README.md"]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(log)).toEqual([]);
    const results = log.runs[0]!.results!;
    expect(results.map((x) => x.ruleId)).toEqual(["TG025"]);
    expect(results[0]!.locations![0]!.logicalLocations![0]!.fullyQualifiedName).toBe(arnOf(s, victim));
    expect(log.runs[0]!.automationDetails?.id).toBe(`trailguard/verify/${VERIFY_ACCOUNT}/`);
  });

  it("JSON with the summary note; --trail by name; exit 0 when intact", async () => {
    const s = scene({ hours: 8 });
    const r = await run(s, [...period(s), "--trail", "audit", "--format", "json", "--anchor", "README.md"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(resultsErrors(out)).toEqual([]);
    expect(out.results).toEqual([]);
    expect(out.notifications.find((n: { id: string }) => n.id === "verify-summary").message).toContain(`${s.digests.length} digest files and ${s.logs.length} log files checked`);
  });

  it("--fail-on and --rule apply as in a scan", async () => {
    const s = scene({ hours: 8 });
    remove(s, s.logs[2]!);
    expect((await run(s, [...period(s), "--rule", "TG024=warning", "--anchor", "README.md"])).code).toBe(0);
    expect((await run(s, [...period(s), "--rule", "log-file-missing=off", "--fail-on", "note", "--anchor", "README.md"])).code).toBe(0);
    const text = await run(s, [...period(s), "--anchor", "README.md"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("TG024");
  });

  it("progress goes to stderr on a terminal only", async () => {
    const s = scene({ hours: 4 });
    const tty = await run(s, [...period(s), "--anchor", "README.md"], { tty: true });
    expect(tty.stderr).toContain("trailguard verify: trails 1");
    const pipe = await run(s, [...period(s), "--anchor", "README.md", "--format", "json"]);
    expect(pipe.stderr).toBe("");
  });

  it("usage errors: bad times, an empty period, live options misused", async () => {
    const s = scene({ hours: 2 });
    const bad = await run(s, ["--start-time", "yesterday"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--start-time yesterday: expected an ISO 8601 time");
    const empty = await run(s, ["--start-time", "2026-11-02", "--end-time", "2026-11-01"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("--start-time must be before --end-time");
    expect((await run(s, ["--role-name", "x"])).code).toBe(2);
    expect((await run(s, ["--concurrency", "0"])).code).toBe(2);
  });

  it("--help names the operations it calls and the rules it reports", async () => {
    const s = scene({ hours: 1 });
    const r = await run(s, ["--help"]);
    expect(r.code).toBe(0);
    for (const word of ["ListObjectsV2", "GetObject", "HeadObject", "ListPublicKeys", "DescribeTrails", "GetTrailStatus", "TG022", "TG027", "--start-time", "--trail"]) expect(r.stdout).toContain(word);
  });
});
