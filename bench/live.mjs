// `npm run bench:live`: a live scan of a simulated organization (100 accounts x 17 regions, 50 ms
// of latency on every call) against the loopback fake AWS, at the default concurrency.
// Reports wall time, calls per account-region and the scanner's peak RSS; writes bench/out/live.json.
//   BENCH_ACCOUNTS=100  BENCH_LATENCY_MS=50  BENCH_THROTTLE=0  BENCH_CONCURRENCY=(default)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { bundleFakeAndCli, fakeAwsEnv, rssHook } from "./fake-bundle.mjs";
/* global fetch */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "bench/out");
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 50);
const THROTTLE = Number(process.env.BENCH_THROTTLE ?? 0);
const REGIONS = 17;
const MANAGEMENT = "999999999999";
mkdirSync(out, { recursive: true });

const bin = await bundleFakeAndCli(root, out);
// Reports the scanner's peak resident memory when it exits.
const rss = rssHook(out, "live");

const server = spawn(process.execPath, [bin.fake, String(ACCOUNTS), String(LATENCY), String(THROTTLE)], { stdio: ["pipe", "pipe", "inherit"] });
const url = await new Promise((resolve) => createInterface({ input: server.stdout }).once("line", resolve));

const env = fakeAwsEnv(url, MANAGEMENT, "us-east-1", "scanner");
const args = ["--import", rss.hook, bin.cli, "scan", "--live", "--org", "--role-name", "OrganizationAccountAccessRole", "--anchor", "README.md", "--format", "json", "--output", path.join(out, "live-report.json")];
if (process.env.BENCH_CONCURRENCY) args.push("--concurrency", process.env.BENCH_CONCURRENCY);
const t0 = process.hrtime.bigint();
const code = await new Promise((resolve) => spawn(process.execPath, args, { env, stdio: "inherit" }).on("exit", resolve));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;

const calls = await (await fetch(`${url}/__fake/calls`)).json();
server.stdin.end();
const report = JSON.parse(readFileSync(path.join(out, "live-report.json"), "utf8"));
const rssMb = rss.peakMb();
const perAccountRegion = new Map();
const byOperation = new Map();
for (const c of calls) {
  const k = `${c.account}/${c.region}`;
  perAccountRegion.set(k, (perAccountRegion.get(k) ?? 0) + 1);
  const op = `${c.service}:${c.operation}`;
  byOperation.set(op, (byOperation.get(op) ?? 0) + 1);
}
const accountRegions = ACCOUNTS * REGIONS;
const results = {
  node: process.version,
  date: new Date().toISOString(),
  accounts: ACCOUNTS,
  regions: REGIONS,
  latencyMs: LATENCY,
  throttleRate: THROTTLE,
  exitCode: code,
  wallSeconds: Number(seconds.toFixed(2)),
  peakRssMb: Number(rssMb.toFixed(1)),
  calls: calls.length,
  throttled: calls.filter((c) => c.throttled).length,
  callsPerAccountRegion: Number((calls.length / accountRegions).toFixed(2)),
  results: report.results.length,
  accountsRead: report.summary.files,
  byOperation: Object.fromEntries([...byOperation].sort((a, b) => b[1] - a[1])),
};
writeFileSync(path.join(out, "live.json"), JSON.stringify(results, null, 2) + "\n");

const pass = (ok) => (ok ? "yes" : "NO");
console.log(`## Live scan: ${ACCOUNTS} accounts x ${REGIONS} regions, ${LATENCY} ms per call${THROTTLE ? `, ${THROTTLE * 100}% throttled` : ""}\n`);
console.log("| figure | value | target | met |\n|---|---|---|---|");
console.log(`| wall time | ${results.wallSeconds} s | < 60 s | ${pass(results.wallSeconds < 60)} |`);
console.log(`| peak RSS of the scanner | ${results.peakRssMb} MB | < 300 MB | ${pass(results.peakRssMb < 300)} |`);
console.log(`| API calls | ${results.calls} (${results.throttled} throttled) | | |`);
console.log(`| calls per account-region | ${results.callsPerAccountRegion} | | |`);
console.log(`| accounts read | ${results.accountsRead} of ${ACCOUNTS} | all | ${pass(results.accountsRead === ACCOUNTS)} |`);
console.log(`| results | ${results.results} (exit ${code}) | | |`);
console.log("\n| operation | calls |\n|---|---|");
for (const [op, n] of Object.entries(results.byOperation)) console.log(`| ${op} | ${n} |`);
process.exitCode = results.wallSeconds < 60 && results.peakRssMb < 300 && results.accountsRead === ACCOUNTS ? 0 : 1;
