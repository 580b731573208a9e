// Bundles the CLI into dist/ (committed: the pre-commit hook and the Action run it without an install).
// `--check` builds into a temporary folder and fails when dist/ differs (stale bundle).
import { build } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, copyFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validatorSource } from "./config-validator.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const check = process.argv.includes("--check");
const outdir = check ? mkdtempSync(path.join(tmpdir(), "trailguard-dist-")) : path.join(root, "dist");

/** Entry points: name in dist/ -> source. */
const entries = { trailguard: "src/cli/bin.ts", action: "src/action/main.ts", "hcl-worker": "src/parse/hcl-worker.ts" };

/** Files the bundles load at run time, copied beside them. */
const assets = [
  ["node_modules/web-tree-sitter/web-tree-sitter.wasm", "web-tree-sitter.wasm"],
  ["node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm", "tree-sitter-terraform.wasm"],
];

// The configuration validator is generated from the schema before it is bundled.
const validatorFile = path.join(root, "src/config/config-validator.generated.js");
const validator = validatorSource();
const staleValidator = readFileSync(validatorFile, "utf8") !== validator;
if (staleValidator && !check) writeFileSync(validatorFile, validator);

mkdirSync(outdir, { recursive: true });
// Old chunks go: their names carry content hashes.
for (const f of readdirSync(outdir)) if (/^chunk-.*\.js$/.test(f)) rmSync(path.join(outdir, f));
// One build with code splitting: what only --live (the AWS SDK) or Terraform (tree-sitter) needs is
// loaded on demand from its own chunk, so a scan of one template starts fast.
{
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, path.join(root, entry)])),
    outdir,
    splitting: true,
    chunkNames: "chunk-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minify: true,
    legalComments: "none",
    charset: "utf8",
    loader: { ".md": "text" },
    define: { __TRAILGUARD_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: "#!/usr/bin/env node\nimport{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
    logLevel: "warning",
  });
}
for (const [from, to] of assets) {
  const src = path.join(root, from);
  if (existsSync(src)) copyFileSync(src, path.join(outdir, to));
}

if (check) {
  const dist = path.join(root, "dist");
  const stale = readdirSync(dist).filter((f) => /^chunk-.*\.js$/.test(f) && !existsSync(path.join(outdir, f)));
  for (const f of readdirSync(outdir)) {
    const a = readFileSync(path.join(outdir, f));
    const b = existsSync(path.join(dist, f)) ? readFileSync(path.join(dist, f)) : null;
    if (!b || !a.equals(b)) stale.push(f);
  }
  rmSync(outdir, { recursive: true, force: true });
  if (staleValidator) {
    console.error("src/config/config-validator.generated.js is stale: run npm run build and commit it");
    process.exit(1);
  }
  if (stale.length) {
    console.error(`dist/ is stale (${stale.join(", ")}): run npm run build and commit dist/`);
    process.exit(1);
  }
}
