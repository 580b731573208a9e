import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "build/", "bench/out/", ".scratch/", "**/*.d.ts", "**/*.generated.js"] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-control-regex": "off",
    },
  },
  {
    files: ["rules/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/src/adapters/**", "**/src/parse/**", "**/src/cli/**", "**/src/report/**"], message: "rules import only model/, semantics/ and engine/rule.ts" },
      ] }],
    },
  },
  {
    files: ["src/semantics/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/adapters/**", "**/parse/**", "**/cli/**", "node:*"], message: "semantics/ is pure: no I/O, no sources" },
      ] }],
    },
  },
);
