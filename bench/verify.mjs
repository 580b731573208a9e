// `npm run bench:verify`: `trailguard verify` of one trail whose bucket, in the loopback fake AWS,
// holds about 2 GB of log data (uncompressed) with its signed hourly digests. Reports the MB/s of
// log data hashed and the verifier's peak RSS; writes bench/out/verify.json.
//   BENCH_VERIFY_MB=2048  BENCH_LOG_MB=4  BENCH_LATENCY_MS=0  BENCH_CONCURRENCY=(default)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { bundleFakeAndCli, fakeAwsEnv, rssHook } from "./fake-bundle.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "bench/out");
const TOTAL_MB = Number(process.env.BENCH_VERIFY_MB ?? 2048);
const LOG_MB = Number(process.env.BENCH_LOG_MB ?? 4);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 0);
mkdirSync(out, { recursive: true });

const bin = await bundleFakeAndCli(root, out);
const rss = rssHook(out, "verify");

const server = spawn(process.execPath, [bin.fake, "verify", String(TOTAL_MB), String(LATENCY), "0", String(LOG_MB)], { stdio: ["pipe", "pipe", "inherit"] });
const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
const url = (await lines.next()).value;
const info = JSON.parse((await lines.next()).value);

const env = fakeAwsEnv(url, info.account, info.region, "bench");
const report = path.join(out, "verify-report.json");
const args = ["--import", rss.hook, bin.cli, "verify", "--trail", info.trailArn, "--start-time", info.start, "--end-time", info.end, "--anchor", "README.md", "--format", "json", "--output", report];
if (process.env.BENCH_CONCURRENCY) args.push("--concurrency", process.env.BENCH_CONCURRENCY);
const t0 = process.hrtime.bigint();
const code = await new Promise((resolve) => spawn(process.execPath, args, { env, stdio: "inherit" }).on("exit", resolve));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
server.stdin.end();

const json = JSON.parse(readFileSync(report, "utf8"));
const summary = json.notifications.find((n) => n.id === "verify-summary")?.message ?? "";
const rssMb = rss.peakMb();
const mbHashed = info.logBytes / 1e6;
const results = {
  node: process.version,
  date: new Date().toISOString(),
  logFiles: info.logFiles,
  digests: info.digests,
  logMegabytesUncompressed: Number(mbHashed.toFixed(1)),
  logMegabytesGzipped: Number((info.gzBytes / 1e6).toFixed(1)),
  latencyMs: LATENCY,
  exitCode: code,
  results: json.results.length,
  wallSeconds: Number(seconds.toFixed(2)),
  mbPerSecondHashed: Number((mbHashed / seconds).toFixed(1)),
  peakRssMb: Number(rssMb.toFixed(1)),
  summary,
};
writeFileSync(path.join(out, "verify.json"), JSON.stringify(results, null, 2) + "\n");

const pass = (ok) => (ok ? "yes" : "NO");
const checked = summary.includes(`${info.digests} digest files and ${info.logFiles} log files checked`);
console.log(`## verify: ${info.logFiles} log files (${results.logMegabytesUncompressed} MB uncompressed, ${results.logMegabytesGzipped} MB gzipped), ${info.digests} digests\n`);
console.log("| figure | value | target | met |\n|---|---|---|---|");
console.log(`| log data hashed | ${results.mbPerSecondHashed} MB/s (${results.wallSeconds} s, whole run) | >= 50 MB/s | ${pass(results.mbPerSecondHashed >= 50)} |`);
console.log(`| peak RSS of the verifier | ${results.peakRssMb} MB | < 200 MB | ${pass(results.peakRssMb < 200)} |`);
console.log(`| every digest and log file checked, nothing reported | ${checked ? "yes" : "no"}, ${results.results} results, exit ${code} | yes, 0, 0 | ${pass(checked && results.results === 0 && code === 0)} |`);
console.log(`\n${summary}`);
process.exitCode = results.mbPerSecondHashed >= 50 && results.peakRssMb < 200 && checked && code === 0 ? 0 : 1;
