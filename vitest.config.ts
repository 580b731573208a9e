import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";

// Rule docs (doc.md) are imported as text, as the esbuild bundle does with its "text" loader.
const markdownAsText = {
  name: "markdown-as-text",
  enforce: "pre" as const,
  load(id: string) {
    if (id.endsWith(".md")) return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
    return null;
  },
};

export default defineConfig({
  plugins: [markdownAsText],
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["test/support/fast-check-seed.ts"],
  },
});
