import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { kindByName } from "./classify.ts";
import { relPath } from "./paths.ts";

export interface Candidate {
  readonly abs: string;
  readonly rel: string;
  /** Named on the command line (scanned even when .gitignored). */
  readonly explicit: boolean;
}

const SKIP_DIRS = new Set(["node_modules", ".git", ".terraform"]);

interface IgnoreLayer {
  readonly dir: string;
  readonly ig: Ignore;
}

/** The work-tree root holding `p` (a folder with .git), or null. */
export function workTreeRoot(p: string): string | null {
  let dir = path.resolve(p);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  for (;;) {
    if (existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readIgnore(dir: string, names: readonly string[]): IgnoreLayer | null {
  const ig = ignore();
  let any = false;
  for (const n of names) {
    try {
      ig.add(readFileSync(path.join(dir, n), "utf8"));
      any = true;
    } catch {
      // no such ignore file here
    }
  }
  return any ? { dir, ig } : null;
}

function ignoredBy(layers: readonly IgnoreLayer[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const l of layers) {
    const rel = path.relative(l.dir, abs).split(path.sep).join("/");
    if (!rel || rel.startsWith("..")) continue;
    const r = l.ig.test(isDir ? rel + "/" : rel);
    if (r.ignored) ignored = true;
    else if (r.unignored) ignored = false;
  }
  return ignored;
}

/** Layers of ignore files from the work-tree root down to `dir` (exclusive of deeper folders). */
function layersFor(dir: string, root: string | null): IgnoreLayer[] {
  if (!root) return [];
  const chain: string[] = [];
  for (let d = dir; ; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === root || path.dirname(d) === d) break;
  }
  const layers: IgnoreLayer[] = [];
  const top = readIgnore(root, []);
  if (top) layers.push(top);
  for (const d of chain) {
    const l = readIgnore(d, d === root ? [".gitignore", ".git/info/exclude"] : [".gitignore"]);
    if (l) layers.push(l);
  }
  return layers;
}

/** Walk the PATHs: candidate files by name (content is classified later), honouring .gitignore and ignorePaths. */
export function walk(paths: readonly string[], cwd: string, ignorePaths: readonly string[], configDir: string): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const userIgnored = ignorePaths.length ? picomatch(ignorePaths.map((g) => g.replace(/\/$/, "/**")), { dot: true }) : null;
  const isUserIgnored = (abs: string): boolean => {
    if (!userIgnored) return false;
    const rel = path.relative(configDir, abs).split(path.sep).join("/");
    return !rel.startsWith("..") && (userIgnored(rel) || userIgnored(rel + "/"));
  };
  const add = (abs: string, explicit: boolean) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, rel: relPath(abs, cwd), explicit });
  };

  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    const st = statSync(abs);
    if (!st.isDirectory()) {
      if (!isUserIgnored(abs)) add(abs, true);
      continue;
    }
    const root = workTreeRoot(abs);
    let start = layersFor(abs, root);
    // A folder named on the command line is scanned even when it is ignored itself: then only the
    // ignore files inside it apply.
    if (start.length && ignoredBy(start, abs, true)) start = start.filter((l) => !path.relative(abs, l.dir).startsWith(".."));
    const stack: { dir: string; layers: IgnoreLayer[]; inCdkOut: boolean }[] = [{ dir: abs, layers: start, inCdkOut: false }];
    while (stack.length) {
      const { dir, layers, inCdkOut } = stack.pop()!;
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable folder: nothing to scan there
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const child = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (SKIP_DIRS.has(e.name) || isUserIgnored(child)) continue;
          const cdk = inCdkOut || e.name === "cdk.out";
          if (inCdkOut && e.name.startsWith("asset.")) continue;
          // cdk.out wins over .gitignore (it is usually ignored, and it is what CloudFormation deploys).
          if (!cdk && ignoredBy(layers, child, true)) continue;
          const own = root ? readIgnore(child, [".gitignore"]) : null;
          stack.push({ dir: child, layers: own ? [...layers, own] : layers, inCdkOut: cdk });
        } else if (e.isFile()) {
          if (inCdkOut) {
            if (e.name.endsWith(".template.json") && !isUserIgnored(child)) add(child, false);
            continue;
          }
          if (!kindByName(e.name) || isUserIgnored(child) || ignoredBy(layers, child, false)) continue;
          add(child, false);
        }
        // Symbolic links to folders are not followed; links to files are read like files.
        else if (e.isSymbolicLink() && kindByName(e.name)) {
          try {
            if (statSync(child).isFile() && !isUserIgnored(child) && !ignoredBy(layers, child, false)) add(child, false);
          } catch {
            // dangling link
          }
        }
      }
    }
  }
  out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return out;
}
