/**
 * Local module calls in Terraform text, found before evaluation to tell root folders from called
 * ones. A light scan: `module "NAME" {` blocks at the top level and their `source = "..."`.
 */
export function localModuleSources(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*module\s+"[^"]*"\s*\{/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) {
      const c = text[i];
      if (c === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      } else if (c === "{") depth++;
      else if (c === "}") depth--;
    }
    const body = text.slice(start, i);
    const src = /(?:^|\n)\s*source\s*=\s*"([^"]+)"/.exec(body);
    if (src && /^\.\.?\//.test(src[1]!)) out.push(src[1]!);
  }
  return out;
}

/** The local module sources a configuration file calls, in native or JSON syntax. */
export function localModuleSourcesOf(path: string, text: string): string[] {
  return path.endsWith(".json") ? [...text.matchAll(/"source"\s*:\s*"(\.\.?\/[^"]+)"/g)].map((m) => m[1]!) : localModuleSources(text);
}
