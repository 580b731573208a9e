/**
 * The fixes of a scan: the text edit of each fixable result, in the file it has to be made in
 * (the result's own file, or where a Terraform variable's value was written), and a note for each
 * result whose value was written elsewhere but cannot be fixed there (it also feeds something
 * else, it was given on the command line, it lies outside the scanned files).
 */
import path from "node:path";
import { TERRAFORM_CONFIG, folderOf, relPath } from "../discover/paths.ts";
import type { TextEdit } from "../engine/fix.ts";
import type { Notification, Result } from "../engine/result.ts";
import type { OtherReader, WrittenAt } from "../model/location.ts";
import type { FileFix } from "../run-result.ts";
import { FileView, lowerAddPublicAccessBlock, lowerSetTrue, lowerWrittenValue } from "./fix-lower.ts";
import type { SourceFile } from "./analyze.ts";

/** Files trailguard never edits: module caches and CDK output. */
const NOT_OURS = /(^|\/)(\.terraform|cdk\.out)\//;

type Lowered = { readonly file: SourceFile; readonly edit: TextEdit; readonly description?: string } | { readonly refused: string } | null;

export function lowerFixes(
  results: readonly Result[],
  files: readonly SourceFile[],
  cwd: string,
): { results: Result[]; fixes: Map<string, FileFix>; notifications: Notification[] } {
  const byRel = new Map(files.map((f) => [f.rel, f]));
  // A file is looked at on disk once, however many of its results have fixes.
  const staleness = new Map<string, boolean>();
  const stale = (f: SourceFile): boolean => {
    let s = staleness.get(f.rel);
    if (s === undefined) staleness.set(f.rel, (s = f.stale ?? false));
    return s;
  };
  const changed = (f: SourceFile): Lowered => ({ refused: `${f.rel} changed on disk during the scan` });
  const views = new Map<string, FileView>();
  const view = (f: SourceFile): FileView => {
    let v = views.get(f.rel);
    if (!v) views.set(f.rel, (v = new FileView(f.kind, f.text)));
    return v;
  };
  // The Terraform configuration files of each folder, told by their paths alone (no text is read).
  const configByFolder = new Map<string, SourceFile[]>();
  const configFiles: SourceFile[] = [];
  for (const f of files) {
    if (!TERRAFORM_CONFIG.test(f.rel)) continue;
    configFiles.push(f);
    const dir = folderOf(f.rel);
    const list = configByFolder.get(dir);
    if (list) list.push(f);
    else configByFolder.set(dir, [f]);
  }
  // Each question is answered once, however many results ask it.
  const declarations = new Map<string, string | undefined>();
  const declaredElsewhere = (name: string, rootDir: string): string | undefined => {
    const key = `${rootDir}\0${name}`;
    if (!declarations.has(key)) {
      const root = path.posix.normalize(rootDir);
      // In scan order, so that the declaration named is the first one found, as before.
      const outside = configFiles.filter((f) => path.posix.normalize(folderOf(f.rel)) !== root);
      declarations.set(key, otherDeclaration(outside, view, name));
    }
    return declarations.get(key);
  };
  const blockNames = new Map<string, boolean>();
  const blockNamed = (dir: string, name: string): boolean => {
    const key = `${dir}\0${name}`;
    let taken = blockNames.get(key);
    if (taken === undefined) blockNames.set(key, (taken = publicAccessBlockNamed(configByFolder.get(dir) ?? [], view, name)));
    return taken;
  };
  const fixes = new Map<string, FileFix>();
  const notifications: Notification[] = [];

  const written = (w: WrittenAt): Lowered => {
    if (w.kind === "cli") return { refused: `${w.name} is given with --var on the command line` };
    if (w.kind === "environment") return { refused: `${w.name} is given by the environment variable TF_VAR_${w.name.slice("var.".length)}` };
    if (w.others.length) return { refused: alsoFeeds(w.others, cwd) };
    const rel = relPath(path.resolve(cwd, w.file), cwd);
    if (NOT_OURS.test(rel)) return { refused: `${w.name} is written in ${rel}:${w.range.startLine}, inside a downloaded module` };
    const f = byRel.get(rel);
    if (!f) return { refused: `${w.name} is written in ${rel}:${w.range.startLine}, which is not among the scanned files` };
    if (stale(f)) return changed(f);
    if (w.kind === "var-file") {
      const other = declaredElsewhere(w.name.slice("var.".length), w.rootDir);
      if (other) return { refused: `the --var-file ${rel} also sets the variable declared at ${other}` };
    }
    const edit = lowerWrittenValue(view(f), w.range);
    return edit ? { file: f, edit, description: `Set ${w.name} to true where it is written (${rel}:${w.range.startLine})` } : null;
  };

  const out = results.map((r): Result => {
    if (!r.fix || r.suppression || !r.loc.file) return r;
    const request = r.fix.request;
    const f = byRel.get(r.loc.file);
    let lowered: Lowered = null;
    // A value written elsewhere is judged by where it is written (the result may lie in a module outside the scanned files).
    if (!("add" in request) && request.value === true && r.loc.written) lowered = written(r.loc.written);
    else if (!f || NOT_OURS.test(f.rel)) return r;
    else if (stale(f)) lowered = changed(f);
    else if ("add" in request) {
      const edit = lowerAddPublicAccessBlock(view(f), r.loc, (name) => blockNamed(folderOf(f.rel), name));
      lowered = edit ? { file: f, edit, description: "Add a public access block with its four settings on" } : null;
    } else if (request.value === true) {
      const edit = lowerSetTrue(view(f), r.loc, r.fix.origin);
      lowered = edit ? { file: f, edit } : null;
    }
    if (lowered === null) return r;
    if ("refused" in lowered) {
      notifications.push({
        level: "note",
        id: "fix-unavailable",
        message: `${r.ruleId}: not fixed: ${lowered.refused}; change it by hand`,
        file: r.loc.file,
        ...(r.loc.range ? { line: r.loc.range.startLine, column: r.loc.range.startColumn } : {}),
      });
      return r;
    }
    fixes.set(r.fingerprint, { file: lowered.file.rel, edit: lowered.edit, before: lowered.file.text, ...(lowered.description ? { description: lowered.description } : {}) });
    return { ...r, fixable: true };
  });
  return { results: out, fixes, notifications };
}

/** "var.x also feeds aws_cloudtrail.other (main.tf:12) and local.y (main.tf:3)", by the name read. */
function alsoFeeds(others: readonly OtherReader[], cwd: string): string {
  const byName = new Map<string, OtherReader[]>();
  for (const o of others) byName.set(o.reads, [...(byName.get(o.reads) ?? []), o]);
  return [...byName]
    .map(([name, list]) => {
      const shown = list.slice(0, 3).map((o) => `${o.what} (${relPath(path.resolve(cwd, o.file), cwd)}:${o.line})`);
      // The evaluator lists at most ten readers: beyond a few, "and more" is all that is said.
      const more = list.length > 3 ? " and more" : "";
      const items = shown.length > 1 && !more ? `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : shown.join(", ") + more;
      return `${name} also feeds ${items}`;
    })
    .join("; ");
}

/**
 * A declaration of the variable in a folder other than the root module a -var-file value was
 * traced in (a -var-file feeds every root module scanned): "other/variables.tf:3". Any folder
 * counts, even one that is only a module, so that a shared value is never changed silently.
 * `outside` is every configuration file outside that root folder, in scan order.
 */
function otherDeclaration(outside: readonly SourceFile[], view: (f: SourceFile) => FileView, name: string): string | undefined {
  const native = new RegExp(`^[ \\t]*variable[ \\t]+"${escapeRegExp(name)}"[ \\t]*\\{`, "m");
  for (const f of outside) {
    const v = view(f);
    const text = v.text;
    const m = f.kind === "terraform" ? native.exec(text) : text.includes('"variable"') && text.includes(`"${name}"`) ? { index: text.indexOf(`"${name}"`) } : null;
    if (m) return `${f.rel}:${v.lines.position(m.index).line}`;
  }
  return undefined;
}

/** A public access block resource of that name already among the folder's configuration files (a new one must not clash). */
function publicAccessBlockNamed(folder: readonly SourceFile[], view: (f: SourceFile) => FileView, name: string): boolean {
  const native = new RegExp(`resource\\s+"aws_s3_bucket_public_access_block"\\s+"${escapeRegExp(name)}"`);
  return folder.some((f) => {
    const text = view(f).text;
    return native.test(text) || (f.kind === "terraform-json" && text.includes('"aws_s3_bucket_public_access_block"') && text.includes(`"${name}"`));
  });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
