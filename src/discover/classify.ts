import { sniffTemplate } from "../adapters/cloudformation/context.ts";

export type FileKind = "terraform" | "terraform-json" | "tfvars" | "tfvars-json" | "plan" | "cloudformation-yaml" | "cloudformation-json";

/** Kinds decided by the file name alone. */
export function kindByName(name: string): FileKind | "maybe-json" | "maybe-yaml" | null {
  const n = name.toLowerCase();
  if (n.endsWith(".tf") || n.endsWith(".tofu")) return "terraform";
  if (n.endsWith(".tf.json") || n.endsWith(".tofu.json")) return "terraform-json";
  if (n.endsWith(".tfvars")) return "tfvars";
  if (n.endsWith(".tfvars.json")) return "tfvars-json";
  if (n.endsWith(".json")) return "maybe-json";
  if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".template")) return "maybe-yaml";
  return null;
}

/** Binary content: a NUL byte near the start. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** Decide a .json/.yaml/.template file's kind from its text, before parsing; null: not ours. */
export function classifyText(name: string, text: string, hint: "maybe-json" | "maybe-yaml"): FileKind | null {
  const trimmed = text.trimStart();
  if (hint === "maybe-yaml" && name.toLowerCase().endsWith(".template") && trimmed.startsWith("{")) {
    return sniffTemplate(text, true) ? "cloudformation-json" : null;
  }
  if (hint === "maybe-json") {
    if (/"format_version"\s*:/.test(text.slice(0, 4096)) && text.includes('"planned_values"')) return "plan";
    return sniffTemplate(text, true) ? "cloudformation-json" : null;
  }
  return sniffTemplate(text, false) ? "cloudformation-yaml" : null;
}
