// `npm run bench:verify`: `trailguard verify` of one trail whose bucket, in the loopback fake AWS,
// holds about 2 GB of log data (uncompressed) with its signed hourly digests. Reports the MB/s of
// log data hashed and the verifier's peak RSS; writes bench/out/verify.json.
//   BENCH_VERIFY_MB=2048  BENCH_LOG_MB=4  BENCH_LATENCY_MS=0  BENCH_CONCURRENCY=(default)
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "bench/out");
const TOTAL_MB = Number(process.env.BENCH_VERIFY_MB ?? 2048);
const LOG_MB = Number(process.env.BENCH_LOG_MB ?? 4);
const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 0);
mkdirSync(out, { recursive: true });

const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const common = { bundle: true, platform: "node", format: "esm", target: "node20", logLevel: "warning" };
await build({ ...common, entryPoints: [path.join(root, "test/support/fake-aws/main.ts")], outfile: path.join(out, "fake-aws.mjs") });
await build({
  ...common,
  entryPoints: [path.join(root, "src/cli/bin.ts")],
  outfile: path.join(out, "trailguard-live.mjs"),
  loader: { ".md": "text" },
  define: { __TRAILGUARD_VERSION__: JSON.stringify(pkg.version) },
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
const rssFile = path.join(out, "verify-rss.txt");
const rssHook = path.join(out, "verify-rss-hook.mjs");
writeFileSync(rssHook, `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
rmSync(rssFile, { force: true });

const server = spawn(process.execPath, [path.join(out, "fake-aws.mjs"), "verify", String(TOTAL_MB), String(LATENCY), "0", String(LOG_MB)], { stdio: ["pipe", "pipe", "inherit"] });
const lines = createInterface({ input: server.stdout })[Symbol.asyncIterator]();
const url = (await lines.next()).value;
const info = JSON.parse((await lines.next()).value);

const env = {
  ...process.env,
  AWS_ENDPOINT_URL: url,
  AWS_ACCESS_KEY_ID: `FAKE-${info.account}-user.bench`,
  AWS_SECRET_ACCESS_KEY: "fake",
  AWS_REGION: info.region,
  AWS_CONFIG_FILE: "/nonexistent",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
  AWS_EC2_METADATA_DISABLED: "true",
};
const report = path.join(out, "verify-report.json");
const args = ["--import", rssHook, path.join(out, "trailguard-live.mjs"), "verify", "--trail", info.trailArn, "--start-time", info.start, "--end-time", info.end, "--anchor", "README.md", "--format", "json", "--output", report];
if (process.env.BENCH_CONCURRENCY) args.push("--concurrency", process.env.BENCH_CONCURRENCY);
const t0 = process.hrtime.bigint();
const code = await new Promise((resolve) => spawn(process.execPath, args, { env, stdio: "inherit" }).on("exit", resolve));
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
server.stdin.end();

const json = JSON.parse(readFileSync(report, "utf8"));
const summary = json.notifications.find((n) => n.id === "verify-summary")?.message ?? "";
const rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
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
