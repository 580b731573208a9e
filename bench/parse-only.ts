// Parse-only baseline: the same parsers trailguard uses, on every file of one kind, nothing else.
// Bundled by bench/run.mjs with esbuild; prints {bytes, ms} as JSON.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { loadHclParser } from "../src/parse/hcl.ts";
import { parseJson } from "../src/parse/json.ts";
import { parseYaml } from "../src/parse/yaml.ts";

function files(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else out.push(p);
  }
  return out;
}

const [dir, kind] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const hcl = kind === "terraform" ? await loadHclParser() : null;
let bytes = 0;
for (const f of files(dir)) {
  const text = readFileSync(f, "utf8");
  bytes += Buffer.byteLength(text);
  if (hcl) hcl.parseFile(f, text);
  else if (kind === "cloudformation-json") parseJson(text);
  else parseYaml(text);
}
console.log(JSON.stringify({ bytes, ms: performance.now() - t0 }));
