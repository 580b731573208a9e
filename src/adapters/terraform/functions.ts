/**
 * Terraform's built-in functions that configurations around CloudTrail use. A function not listed
 * here evaluates to UnknownValue("unsupported-expression", name) with a warning diagnostic.
 */
import { UnknownValue } from "../../model/value.ts";
import { EvalError, type FunctionDef } from "./evaluate.ts";
import { SymbolicText } from "./function-args.ts";
import { collectionFunctions } from "./functions-collections.ts";
import { encodingFunctions } from "./functions-encoding.ts";
import { stringFunctions } from "./functions-strings.ts";

function guarded(name: string, def: FunctionDef): FunctionDef {
  return {
    ...def,
    impl: (args, call) => {
      try {
        return def.impl(args, call);
      } catch (err) {
        if (err instanceof SymbolicText) {
          return new UnknownValue("known-after-apply", `${name} of a value known only by identity`);
        }
        // A JavaScript limit (a huge repeat count or precision) is the configuration's error, not ours.
        if (err instanceof RangeError || err instanceof TypeError) throw new EvalError(`${name}: ${err.message}`, call.range);
        throw err;
      }
    },
  };
}

/** The function table (`try` and `can` are special forms inside the evaluator). */
export const terraformFunctions: ReadonlyMap<string, FunctionDef> = new Map(
  Object.entries({ ...stringFunctions, ...collectionFunctions, ...encodingFunctions }).map(([name, def]) => [
    name,
    guarded(name, def),
  ]),
);
