/**
 * `# trailguard:ignore TG003[,TG011] -- reason` (also `//` and `/* *\/`) on the line directly above a
 * block or an attribute; other comment lines may come between. Above a resource block it covers
 * every result in that block (and, for an aws_s3_bucket, in its split resources); above an
 * attribute, the results at that attribute.
 */
import type { Directive } from "../../model/entities.ts";
import type { Block, Body, HclFile } from "../../parse/hcl-ast.ts";

const DIRECTIVE = /trailguard:ignore\s+([A-Za-z0-9_,\s-]+?)(?:\s+--\s*([\s\S]*?))?\s*(?:\*\/)?\s*$/;

/** The address a top-level block is known by, as written. */
function blockAddress(b: Block): string | null {
  if (b.type === "resource" && b.labels.length === 2) return `${b.labels[0]}.${b.labels[1]}`;
  if (b.type === "data" && b.labels.length === 2) return `data.${b.labels[0]}.${b.labels[1]}`;
  if (b.type === "module" && b.labels.length === 1) return `module.${b.labels[0]}`;
  return null;
}

interface Target {
  readonly address: string;
  readonly path?: readonly (string | number)[];
}

/** What starts on a line: a top-level block, or an attribute or nested block inside one. */
function targetsByLine(file: HclFile): Map<number, Target> {
  const out = new Map<number, Target>();
  const inner = (body: Body, address: string, path: readonly (string | number)[]) => {
    for (const a of body.attributes) out.set(a.range.startLine, { address, path: [...path, a.name] });
    const counts = new Map<string, number>();
    for (const b of body.blocks) {
      const i = counts.get(b.type) ?? 0;
      counts.set(b.type, i + 1);
      out.set(b.range.startLine, { address, path: [...path, b.type, i] });
      inner(b.body, address, [...path, b.type, i]);
    }
  };
  for (const b of file.body.blocks) {
    const address = blockAddress(b);
    if (!address) continue;
    inner(b.body, address, []);
    out.set(b.range.startLine, { address });
  }
  return out;
}

export function directivesOf(file: HclFile, splitsOf: ReadonlyMap<string, readonly string[]>): Directive[] {
  if (!file.comments.some((c) => c.text.includes("trailguard:ignore"))) return [];
  const commentLines = new Set<number>();
  for (const c of file.comments) for (let l = c.range.startLine; l <= c.range.endLine; l++) commentLines.add(l);
  const targets = targetsByLine(file);
  const out: Directive[] = [];
  for (const c of file.comments) {
    const m = DIRECTIVE.exec(c.text.replace(/^(#|\/\/|\/\*)\s*/, ""));
    if (!m) continue;
    let line = c.range.endLine + 1;
    while (commentLines.has(line) && !targets.has(line)) line++;
    const t = targets.get(line);
    if (!t) continue;
    const reason = m[2]?.trim() || null;
    const splits = t.path ? undefined : splitsOf.get(t.address);
    out.push({
      rules: m[1]!.split(",").map((s) => s.trim()).filter(Boolean),
      reason,
      loc: { file: file.path, range: c.range, address: t.address, path: t.path ?? [] },
      file: file.path,
      address: t.address,
      ...(t.path ? { path: t.path } : {}),
      ...(splits?.length ? { alsoAddresses: splits } : {}),
    });
  }
  return out;
}
