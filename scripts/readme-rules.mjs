// Regenerates the rule table of README.md (between the rules markers) from the built CLI's metadata.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const table = execFileSync(process.execPath, [path.join(root, "dist/trailguard.js"), "rules", "--format", "markdown"], { encoding: "utf8" });
const file = path.join(root, "README.md");
const readme = readFileSync(file, "utf8");
const next = readme.replace(/(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/, `$1${table}$2`);
if (next !== readme) writeFileSync(file, next);
