// `npm run bench`: trailguard's own figures, measured on this machine in one run.
// Prints a markdown table and writes bench/out/results.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "dist/trailguard.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

/** Wall time of a command, median and best of RUNS runs, in milliseconds. */
function time(args, cwd = root) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, stdio: "ignore" });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}`);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], best: samples[0] };
}

const rows = [];
const bare = time(["-e", "0"]);
rows.push({ figure: "bare `node -e 0`", ...bare });
const one = time([bin, "scan", "examples/cloudformation/flawed.yaml", "--quiet"]);
rows.push({ figure: "scan of one CloudFormation template (cold start)", ...one });
const example = time([bin, "scan", "examples", "--quiet", "--format", "sarif"]);
rows.push({ figure: "scan of examples/ to SARIF", ...example });

const ratio = one.median / bare.median;
console.log(`| figure | median ms | best ms |\n|---|---|---|`);
for (const r of rows) console.log(`| ${r.figure} | ${r.median.toFixed(1)} | ${r.best.toFixed(1)} |`);
console.log(`\none-template cold start: ${one.median.toFixed(0)} ms (${ratio.toFixed(2)}x bare node; target < 300 ms)`);

mkdirSync(path.join(root, "bench/out"), { recursive: true });
writeFileSync(path.join(root, "bench/out/results.json"), JSON.stringify({ node: process.version, runs: RUNS, rows, coldStartRatio: ratio }, null, 2) + "\n");
