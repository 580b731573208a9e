/**
 * The Terraform evaluator that the adapter (adapt.ts) builds on.
 *
 *   const hcl = await loadHclParser();                      // src/parse/hcl.ts, loads tree-sitter once
 *   const result = evaluateTerraform(hcl, { dir, files, readFolder, modulesManifest, cliVariables, environment });
 *   for (const r of result.resources) ...                   // every resource and data source instance
 *
 * Values are model Values (src/model/value.ts). Two UnknownValue subclasses carry partial
 * knowledge: PartialJson (a JSON string whose document has unknown parts, e.g. a policy) and
 * UnknownInstances (a resource or module with unknown count/for_each; indexing gives the element).
 */
export { evaluateTerraform, MAX_MODULE_DEPTH, type TerraformInputs } from "./module.ts";
export type { SourceFile } from "./module-def.ts";
export type { CliVariable } from "./variables.ts";
export type {
  EvaluatedAttribute,
  EvaluatedBlock,
  EvaluatedBody,
  EvaluatedResource,
  ModuleCallSite,
  ModuleInstanceResult,
  TerraformEvaluation,
  VariableSource,
  VariableValue,
} from "./results.ts";
export { evaluateAttribute, type Diagnostic, type EvalContext, type EvalHost, type ReferenceResolver } from "./evaluate.ts";
export { terraformFunctions } from "./functions.ts";
export { PartialJson, UnknownInstances } from "./values.ts";
export { policyDocument } from "./policy-document.ts";
export { ACCOUNT, PARTITION, REGION } from "./references.ts";
