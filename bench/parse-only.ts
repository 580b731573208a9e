// Parse-only baseline: the same parsers trailguard uses, on every file of one kind, nothing else.
// One thread, as the parsers come. Bundled by bench/run.mjs with esbuild; prints {bytes, ms} as JSON.
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

// kind "all": the whole mixed corpus, each file by its extension.
const [dir, kind] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const all = files(dir);
const hcl = kind === "terraform" || (kind === "all" && all.some((f) => f.endsWith(".tf"))) ? await loadHclParser() : null;
let bytes = 0;
for (const f of all) {
  const text = readFileSync(f, "utf8");
  bytes += Buffer.byteLength(text);
  const as = kind === "all" ? (f.endsWith(".tf") ? "terraform" : f.endsWith(".json") ? "cloudformation-json" : "cloudformation-yaml") : kind;
  if (as === "terraform") hcl!.parseFile(f, text);
  else if (as === "cloudformation-json") parseJson(text);
  else parseYaml(text);
}
console.log(JSON.stringify({ bytes, ms: performance.now() - t0 }));
