import { Ajv } from "ajv";
import schema from "../../schemas/results.schema.json" with { type: "json" };

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

/** Validate trailguard's JSON output against schemas/results.schema.json. */
export function resultsErrors(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
