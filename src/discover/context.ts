import { readFileSync } from "node:fs";
import path from "node:path";
import { TERRAFORM_CONFIG } from "./paths.ts";
import { localModuleSourcesOf } from "./modules.ts";
import type { Candidate } from "./walk.ts";

const TF_ANY = /\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;

/**
 * File PATHs (pre-commit): the files whose results are reported, plus what they need for context,
 * and nothing else is read. A template is read whole and alone; a Terraform file brings its module
 * folder, and every folder under the current folder that calls it as a local module (up to the
 * roots), so that it is evaluated through those calls.
 */
export function contextFor(candidates: readonly Candidate[], explicit: ReadonlySet<string>, folderPaths: readonly string[]): Candidate[] {
  const inFolderPath = (abs: string) => folderPaths.some((f) => !path.relative(f, abs).startsWith(".."));
  const needed = new Set<string>();
  for (const abs of explicit) if (TF_ANY.test(abs)) needed.add(path.dirname(abs));
  if (needed.size) {
    // Who calls whom, from a light scan of every Terraform configuration file under the folder.
    const callers = new Map<string, Set<string>>();
    for (const c of candidates) {
      if (!TERRAFORM_CONFIG.test(c.abs)) continue;
      let text: string;
      try {
        text = readFileSync(c.abs, "utf8");
      } catch {
        continue;
      }
      const dir = path.dirname(c.abs);
      for (const s of localModuleSourcesOf(c.abs, text)) {
        const callee = path.resolve(dir, s);
        callers.set(callee, (callers.get(callee) ?? new Set()).add(dir));
      }
    }
    const queue = [...needed];
    while (queue.length) {
      for (const caller of callers.get(queue.pop()!) ?? []) {
        if (!needed.has(caller)) {
          needed.add(caller);
          queue.push(caller);
        }
      }
    }
  }
  return candidates.filter((c) => explicit.has(c.abs) || inFolderPath(c.abs) || (TF_ANY.test(c.abs) && needed.has(path.dirname(c.abs))));
}
