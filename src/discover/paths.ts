import path from "node:path";

/** A path as every output shows it: relative to the working directory, `/` separators, no leading `./`. */
export function relPath(abs: string, cwd: string): string {
  const r = path.relative(cwd, abs);
  return (r === "" ? "." : r).split(path.sep).join("/");
}
