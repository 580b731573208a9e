import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

let validate: ReturnType<Ajv2020["compile"]> | null = null;

/** Validate a SARIF log against the official SARIF 2.1.0 schema shipped in @microsoft/sarif-multitool-linux. */
export function sarifErrors(log: unknown): string[] {
  if (!validate) {
    const file = require.resolve("@microsoft/sarif-multitool-linux/sarif-2.1.0.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validate = ajv.compile(schema);
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
