// The parse pool with a real worker thread: the worker script is bundled here the way the build
// bundles dist/hcl-worker.js, with the wasm files beside it.
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { loadHclParser, type HclParser } from "../../src/parse/hcl.ts";
import { ParsePool, parseWorkerCount } from "../../src/parse/parse-pool.ts";
import { hclFiles } from "./hcl-sources.ts";

const require = createRequire(import.meta.url);
let workerFile: string;
let hcl: HclParser;
const pools: ParsePool[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tg-pool-"));
  workerFile = path.join(dir, "hcl-worker.mjs");
  await build({
    entryPoints: [path.resolve(import.meta.dirname, "../../src/parse/hcl-worker.ts")],
    outfile: workerFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  copyFileSync(require.resolve("web-tree-sitter/web-tree-sitter.wasm"), path.join(dir, "web-tree-sitter.wasm"));
  copyFileSync(require.resolve("@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm"), path.join(dir, "tree-sitter-terraform.wasm"));
  hcl = await loadHclParser();
}, 60_000);

afterEach(() => {
  for (const p of pools.splice(0)) p.close();
});

function start(file = workerFile): ParsePool {
  const pool = ParsePool.start(1, file);
  if (!pool) throw new Error("no pool");
  pools.push(pool);
  return pool;
}

/** Submits and settles `count` files; each must come out as a tree that converts to what parseNative gives, once. */
async function expectAllParsed(count: number): Promise<void> {
  await expectAllParsedBy(start(), hclFiles(count));
}

async function expectAllParsedBy(pool: ParsePool, files: readonly { path: string; text: string }[]): Promise<void> {
  expect(pool.workersRunning).toBe(1);
  pool.submit(files);
  await pool.settle(files.map((f) => f.path), hcl);
  for (const f of files) {
    const tree = pool.take(f.path, f.text);
    expect(tree, f.path).toBeInstanceOf(Int32Array);
    expect(hcl.parseFlat(f.path, f.text, tree!)).toEqual(hcl.parseNative(f.path, f.text));
    expect(pool.take(f.path, f.text), "handed out once").toBeUndefined();
  }
}

describe("ParsePool", () => {
  test("files a worker parsed convert to what the main thread's parse gives", async () => {
    await expectAllParsed(4);
  });

  test("close resolves once the workers have exited, and their memory with them", async () => {
    const pool = start();
    await expectAllParsedBy(pool, hclFiles(3));
    const closing = pool.close();
    expect(pool.close()).toBe(closing);
    await closing;
    expect(pool.workersRunning).toBe(0);
  });

  test("a file with a syntax error is handed back to the main thread", async () => {
    const broken = { path: "broken/main.tf", text: 'resource "aws_s3_bucket" "b" {\n  bucket = "open\n' };
    const pool = start();
    pool.submit([broken]);
    await pool.settle([broken.path], hcl);
    expect(pool.take(broken.path, broken.text)).toBeUndefined();
  });

  test("settling more files than the worker holds leaves each parsed, by the worker or by the main thread", async () => {
    await expectAllParsed(40);
  });

  test("a queued file is the caller's: settling does not wait for it, and taking it withdraws it", async () => {
    const files = hclFiles(20);
    const pool = start();
    pool.submit(files);
    const last = files.at(-1)!;
    await pool.settle([last.path], hcl);
    expect(pool.take(last.path, last.text)).toBeUndefined();
    expect(pool.take(last.path, last.text)).toBeUndefined();
  });

  test("a changed text or an unknown file is the caller's to parse", async () => {
    const [f] = hclFiles(1);
    const pool = start();
    pool.submit([f!]);
    await pool.settle([f!.path], hcl);
    expect(pool.take("other.tf", f!.text)).toBeUndefined();
    expect(pool.take(f!.path, f!.text + "\n")).toBeUndefined();
  });

  test("a worker that fails hands every file back, and nothing waits forever", async () => {
    const bad = path.join(path.dirname(workerFile), "failing-worker.mjs");
    writeFileSync(bad, 'throw new Error("cannot start");\n');
    const files = hclFiles(3);
    const pool = start(bad);
    pool.submit(files);
    await pool.settle(files.map((f) => f.path), hcl);
    for (const f of files) expect(pool.take(f.path, f.text)).toBeUndefined();
  });

  test("no worker script: no pool", () => {
    expect(ParsePool.start(1, undefined)).toBeNull();
    expect(ParsePool.start(0, workerFile)).toBeNull();
  });

  test("TRAILGUARD_PARSE_WORKERS sets the number of workers; by default one core stays with the main thread", () => {
    expect(parseWorkerCount({ TRAILGUARD_PARSE_WORKERS: "0" })).toBe(0);
    expect(parseWorkerCount({ TRAILGUARD_PARSE_WORKERS: "2" })).toBe(2);
    const auto = parseWorkerCount({});
    expect(auto).toBeGreaterThanOrEqual(1);
    expect(auto).toBeLessThanOrEqual(3);
    expect(parseWorkerCount({ TRAILGUARD_PARSE_WORKERS: "many" })).toBe(auto);
  });
});
