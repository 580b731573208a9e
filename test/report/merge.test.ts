import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type * as Sarif from "sarif";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli.ts";
import { sarifErrors } from "../support/sarif-schema.ts";
import { tempTree } from "../support/scan-files.ts";
import { FIXED, FLAWED } from "./fixtures.ts";

const read = (dir: string, f: string) => JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Sarif.Log;
const write = (dir: string, f: string, log: Sarif.Log) => writeFileSync(path.join(dir, f), JSON.stringify(log));
const fp = (r: Sarif.Result) => `${r.partialFingerprints?.["trailguard/v1"]} ${JSON.stringify(r.locations)}`;

let dir: string;
let shard1: Sarif.Log;
let shard2: Sarif.Log;

// Two shards that overlap on common.yaml; shard 1 also meets a file it cannot parse.
beforeAll(() => {
  dir = tempTree({
    "a.yaml": FLAWED.replace(/example-flawed/g, "trail-a"),
    "b.yaml": FLAWED.replace(/example-flawed/g, "trail-b"),
    "common.yaml": FIXED.replace("IsMultiRegionTrail: true", "IsMultiRegionTrail: false"),
    "broken.yaml": "Resources:\n  A: {\n  B: 1\n",
  });
  expect(cli(["scan", "a.yaml", "common.yaml", "broken.yaml", "--format", "sarif=s1.sarif", "--fail-on", "none"], dir).code).toBe(0);
  expect(cli(["scan", "b.yaml", "common.yaml", "--format", "sarif=s2.sarif", "--fail-on", "none"], dir).code).toBe(0);
  shard1 = read(dir, "s1.sarif");
  shard2 = read(dir, "s2.sarif");
});

describe("trailguard merge", () => {
  it("joins two shards into one schema-valid run: rules once in ID order, duplicates dropped, notifications kept", () => {
    const r = cli(["merge", "s1.sarif", "s2.sarif", "--output", "out/merged.sarif"], dir);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
    const merged = read(dir, "out/merged.sarif");
    expect(sarifErrors(merged)).toEqual([]);
    expect(merged.runs).toHaveLength(1);
    const run = merged.runs[0]!;
    expect(run.automationDetails?.id).toBe("trailguard/iac/");

    const ids = run.tool.driver.rules!.map((x) => x.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const res of run.results!) expect(run.tool.driver.rules![res.ruleIndex!]!.id).toBe(res.ruleId);

    const all = [...shard1.runs[0]!.results!, ...shard2.runs[0]!.results!];
    const unique = new Set(all.map(fp));
    const common = shard2.runs[0]!.results!.filter((x) => x.locations![0]!.physicalLocation!.artifactLocation!.uri === "common.yaml");
    expect(common.length).toBeGreaterThan(0);
    expect(unique.size).toBe(all.length - common.length);
    expect(run.results!.map(fp)).toEqual([...unique]);

    const notes = run.invocations![0]!.toolExecutionNotifications!;
    expect(notes.some((n) => n.descriptor?.id === "parse-error")).toBe(true);
    expect(run.invocations![0]!.executionSuccessful).toBe(true);

    // Without --output the log goes to stdout.
    expect(JSON.parse(cli(["merge", "s1.sarif", "s2.sarif"], dir).stdout)).toEqual(merged);
  });

  it("recomputes ruleIndex from inputs that declare rules in another order", () => {
    const log = structuredClone(shard2);
    const run = log.runs[0]!;
    const rules = [...run.tool.driver.rules!].reverse();
    run.tool.driver.rules = rules;
    for (const res of run.results!) res.ruleIndex = rules.findIndex((x) => x.id === res.ruleId);
    write(dir, "reversed.sarif", log);
    const r = cli(["merge", "s1.sarif", "reversed.sarif"], dir);
    expect(r.code).toBe(0);
    const merged = JSON.parse(r.stdout) as Sarif.Log;
    expect(sarifErrors(merged)).toEqual([]);
    const m = merged.runs[0]!;
    for (const res of m.results!) expect(m.tool.driver.rules![res.ruleIndex!]!.id).toBe(res.ruleId);
  });

  it("executionSuccessful is true only when every input had it", () => {
    const failed = structuredClone(shard2);
    failed.runs[0]!.invocations![0]!.executionSuccessful = false;
    write(dir, "failed.sarif", failed);
    const merged = JSON.parse(cli(["merge", "s1.sarif", "failed.sarif"], dir).stdout) as Sarif.Log;
    expect(merged.runs[0]!.invocations![0]!.executionSuccessful).toBe(false);
  });

  it("refuses other tools, other categories and files that are not SARIF (exit 2)", () => {
    const live = structuredClone(shard2);
    live.runs[0]!.automationDetails = { id: "trailguard/live/111122223333/" };
    write(dir, "live.sarif", live);
    const other = structuredClone(shard2);
    other.runs[0]!.tool.driver.name = "checkov";
    write(dir, "other.sarif", other);
    writeFileSync(path.join(dir, "not.sarif"), "{ nope");
    const cases: [string[], RegExp][] = [
      [["merge", "s1.sarif", "live.sarif"], /live\.sarif: category 'trailguard\/live\/111122223333\/' differs from 'trailguard\/iac\/'/],
      [["merge", "s1.sarif", "other.sarif"], /other\.sarif: made by checkov, not trailguard/],
      [["merge", "s1.sarif", "not.sarif"], /not\.sarif is not JSON/],
      [["merge", "s1.sarif", "missing.sarif"], /cannot read missing\.sarif/],
      [["merge"], /missing required argument/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });
});
