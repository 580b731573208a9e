import path from "node:path";

/** Terraform configuration files (not tfvars): native and JSON syntax, Terraform and OpenTofu. */
export const TERRAFORM_CONFIG = /\.(tf|tofu)(\.json)?$/;

/** The folder of a scanned file's relative path (`.` at the top). */
export function folderOf(rel: string): string {
  const d = path.posix.dirname(rel);
  return d === "" ? "." : d;
}

/** A path as every output shows it: relative to the working directory, `/` separators, no leading `./`. */
export function relPath(abs: string, cwd: string): string {
  const r = path.relative(cwd, abs);
  return (r === "" ? "." : r).split(path.sep).join("/");
}
