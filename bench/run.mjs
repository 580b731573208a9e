// `npm run bench`: trailguard's own figures, measured on this machine in one run, with their
// baselines measured in the same run. Prints markdown tables; writes bench/out/results.json.
//   BENCH_SIZES=10,100,500,5000 (files per corpus)   BENCH_RUNS=15 (cold-start repetitions)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generate } from "./generate.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "bench/out");
const bin = path.join(root, "dist/trailguard.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SIZES = (process.env.BENCH_SIZES ?? "10,100,500,5000").split(",").map(Number);
const KINDS = ["terraform", "cloudformation-yaml", "cloudformation-json"];
mkdirSync(out, { recursive: true });

/** Wall time of a command: median and best of `runs`, in milliseconds. */
function time(args, runs, cwd = root, env = process.env) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd, stdio: "ignore", env });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(" ")} exited ${r.status}`);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], best: samples[0] };
}

/** Peak resident memory (MB) of one run, from /usr/bin/time when the machine has it. */
function peakRss(args, cwd) {
  if (!existsSync("/usr/bin/time")) return null;
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, ...args], { cwd, encoding: "utf8" });
  const kb = Number(r.stderr.trim().split("\n").pop());
  return Number.isFinite(kb) ? kb / 1024 : null;
}

const results = { node: process.version, date: new Date().toISOString(), coldStart: {}, throughput: [], scaling: [], rss: null };

// 1. Cold start: one template, and one Terraform file, beside bare node. Node reads the certificates
// that NODE_EXTRA_CA_CERTS names at every start, bare or not; where it is set, the figures are
// measured a second time without it, since that fixed cost flatters every ratio.
const oneTfDir = path.join(out, "one/terraform/stack-0");
generate(path.join(out, "one"), 3);
function coldStart(env) {
  return {
    bareNode: time(["-e", "0"], RUNS, root, env),
    oneTemplate: time([bin, "scan", "examples/cloudformation/flawed.yaml", "--quiet"], RUNS, root, env),
    oneTerraformFile: time([bin, "scan", path.join(oneTfDir, "main.tf"), "--quiet"], RUNS, oneTfDir, env),
  };
}
results.coldStart = coldStart(process.env);
const cleanEnv = { ...process.env };
delete cleanEnv.NODE_EXTRA_CA_CERTS;
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) results.coldStartWithoutExtraCaCerts = coldStart(cleanEnv);
console.log("## Cold start\n\n| environment | figure | median ms | best ms | x bare node |\n|---|---|---|---|---|");
for (const [label, c] of [["as set", results.coldStart], ["NODE_EXTRA_CA_CERTS unset", results.coldStartWithoutExtraCaCerts]]) {
  if (!c) continue;
  for (const [name, r] of [["bare `node -e 0`", c.bareNode], ["scan of one CloudFormation template", c.oneTemplate], ["scan of one Terraform file (tree-sitter loads)", c.oneTerraformFile]])
    console.log(`| ${label} | ${name} | ${r.median.toFixed(1)} | ${r.best.toFixed(1)} | ${(r.median / c.bareNode.median).toFixed(2)} |`);
}

// 2. Throughput per kind and scaling across corpus sizes, beside parse-only of the same files.
await build({
  entryPoints: [path.join(root, "bench/parse-only.ts")],
  outfile: path.join(out, "parse-only.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
for (const [from, to] of [["node_modules/web-tree-sitter/web-tree-sitter.wasm", "web-tree-sitter.wasm"], ["node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm", "tree-sitter-terraform.wasm"]]) {
  spawnSync("cp", [path.join(root, from), path.join(out, to)]);
}
console.log("\n## Throughput and scaling (whole scan vs parse-only, same files, one run each)\n");
console.log("Parse-only runs the same parsers on one thread; the scan parses Terraform on the main thread and its");
console.log("parse workers (TRAILGUARD_PARSE_WORKERS; the last Terraform row has them off).\n");
console.log("| files | kind | MB | scan s | scan MB/s | parse-only s | parse-only MB/s | scan / parse |\n|---|---|---|---|---|---|---|---|");
const scanOf = (target, env = {}) => {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, "scan", target, "--quiet", "--format", "sarif=" + path.join(out, "scan.sarif"), "--output", path.join(out, "scan.txt")], { cwd: root, stdio: "ignore", env: { ...process.env, ...env } });
  if (r.status !== 0 && r.status !== 1) throw new Error(`scan of ${target} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
const parseOf = (target, kind) => {
  const t1 = process.hrtime.bigint();
  const p = spawnSync(process.execPath, [path.join(out, "parse-only.mjs"), target, kind], { encoding: "utf8" });
  return { parseMs: Number(process.hrtime.bigint() - t1) / 1e6, bytes: JSON.parse(p.stdout).bytes };
};
const row = (size, kind, bytes, scanMs, parseMs) => {
  const mb = bytes / 1e6;
  console.log(`| ${size} | ${kind} | ${mb.toFixed(2)} | ${(scanMs / 1000).toFixed(2)} | ${(mb / (scanMs / 1000)).toFixed(2)} | ${(parseMs / 1000).toFixed(2)} | ${(mb / (parseMs / 1000)).toFixed(2)} | ${(scanMs / parseMs).toFixed(2)} |`);
};
for (const size of SIZES) {
  const dir = path.join(out, `corpus-${size}`);
  const { bytes } = generate(dir, size);
  for (const kind of KINDS) {
    const kdir = path.join(dir, kind);
    const scanMs = scanOf(kdir);
    const { parseMs, bytes: kbytes } = parseOf(kdir, kind);
    results.throughput.push({ files: size, kind, bytes: kbytes, scanMs, parseMs });
    row(size, kind, kbytes, scanMs, parseMs);
  }
  // The whole mixed corpus in one scan, beside all of its files parsed in one process.
  const wholeMs = scanOf(dir);
  const { parseMs } = parseOf(dir, "all");
  results.throughput.push({ files: size, kind: "whole corpus", bytes, scanMs: wholeMs, parseMs });
  row(size, "**whole corpus**", bytes, wholeMs, parseMs);
  results.scaling.push({ files: size, bytes, wholeMs, msPerMB: wholeMs / (bytes / 1e6) });
}
{
  const size = SIZES.at(-1);
  const tf = results.throughput.find((t) => t.files === size && t.kind === "terraform");
  const scanMs = scanOf(path.join(out, `corpus-${size}`, "terraform"), { TRAILGUARD_PARSE_WORKERS: "0" });
  results.throughput.push({ files: size, kind: "terraform, parse workers off", bytes: tf.bytes, scanMs, parseMs: tf.parseMs });
  row(size, "terraform, parse workers off", tf.bytes, scanMs, tf.parseMs);
}
console.log("\n## Scaling (whole mixed corpus in one scan)\n\n| files | MB | s | ms per MB |\n|---|---|---|---|");
for (const s of results.scaling) console.log(`| ${s.files} | ${(s.bytes / 1e6).toFixed(2)} | ${(s.wholeMs / 1000).toFixed(2)} | ${s.msPerMB.toFixed(1)} |`);
const big = results.scaling.at(-1);
const mid = results.scaling.find((s) => s.files === 500);
if (big && mid && big !== mid) console.log(`\ntime per MB, ${big.files} files vs 500 files: ${(big.msPerMB / mid.msPerMB).toFixed(2)}x (target <= 1.2x)`);

// 3. Peak memory on the largest corpus.
if (big) {
  // The peak moves with when the collector happens to run: three runs, all shown.
  const runs = [0, 1, 2].map(() => peakRss([bin, "scan", path.join(out, `corpus-${big.files}`), "--quiet", "--output", path.join(out, "scan.txt")], root));
  const known = runs.filter((r) => r !== null).sort((a, b) => a - b);
  results.rss = { files: big.files, runs, mb: known.length ? known[Math.floor(known.length / 2)] : null, max: known.at(-1) ?? null };
  console.log(`peak RSS scanning ${big.files} files (${(big.bytes / 1e6).toFixed(1)} MB), three runs: ${known.map((r) => r.toFixed(0)).join(", ") || "n/a"} MB (target < 300 MB)`);
}
writeFileSync(path.join(out, "results.json"), JSON.stringify(results, null, 2) + "\n");
