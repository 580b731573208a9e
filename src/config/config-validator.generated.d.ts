import type { ErrorObject } from "ajv";

/** The validator of schemas/config.schema.json, compiled ahead of time (scripts/config-validator.mjs). */
declare function validate(data: unknown): boolean;
declare namespace validate {
  let errors: ErrorObject[] | null | undefined;
}
export default validate;
