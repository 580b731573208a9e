import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { CliVariable, SourceFile } from "../adapters/terraform/index.ts";
import type { TerraformHost } from "../scan/terraform.ts";
import { UsageError } from "../errors.ts";

const TF_FILE = /\.(tf|tofu)(\.json)?$|\.tfvars(\.json)?$/;

function readText(abs: string): string | undefined {
  try {
    return readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** Reads what Terraform evaluation needs beyond the scanned files: module folders, file() targets,
 * modules.json, -var-file files and TF_VAR_ variables. Paths are posix, relative to `cwd`. */
export function terraformHost(cwd: string, vars: readonly string[], varFiles: readonly string[], env: NodeJS.ProcessEnv): TerraformHost {
  const cliVariables: CliVariable[] = [];
  for (const v of vars) {
    const eq = v.indexOf("=");
    cliVariables.push({ kind: "var", name: eq < 0 ? v : v.slice(0, eq), value: eq < 0 ? "" : v.slice(eq + 1) });
  }
  for (const f of varFiles) {
    const text = readText(path.resolve(cwd, f));
    if (text === undefined) throw new UsageError(`--var-file: cannot read ${f}`);
    cliVariables.push({ kind: "var-file", file: { path: f.split(path.sep).join("/"), text } });
  }
  const environment: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith("TF_VAR_") && v !== undefined) environment[k.slice(7)] = v;
  return {
    readFolder(dir) {
      const abs = path.resolve(cwd, dir);
      let names: string[];
      try {
        names = readdirSync(abs);
      } catch {
        return undefined;
      }
      const files: SourceFile[] = [];
      for (const n of names.sort()) {
        if (!TF_FILE.test(n)) continue;
        const text = readText(path.join(abs, n));
        if (text !== undefined) files.push({ path: path.posix.join(dir, n), text });
      }
      return files;
    },
    readFile: (p) => readText(path.resolve(cwd, p)),
    modulesManifest(dir) {
      const f = path.resolve(cwd, dir, ".terraform/modules/modules.json");
      return existsSync(f) ? readText(f) : undefined;
    },
    cliVariables,
    environment,
  };
}
