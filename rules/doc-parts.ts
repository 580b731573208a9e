import fixSetTrue from "./parts/fix-set-true.md";
import logArchiveSnippets from "./parts/log-archive-snippets.md";

/** Text that several rules' help shares, written once in rules/parts/NAME.md. */
const PARTS: Readonly<Record<string, string>> = {
  // How --fix sets a boolean to true (TG002, TG003, TG004, TG014, TG021), after each rule's own opening clause.
  "fix-set-true": fixSetTrue,
  // The Terraform and CloudFormation of a protected log archive, which the verify rules (TG022-TG027) end their fix with.
  "log-archive-snippets": logArchiveSnippets,
};

/** A rule's help: its doc.md with each `<!-- part: NAME -->` replaced by that part. */
export function withParts(doc: string): string {
  return doc.replace(/<!-- part: ([a-z-]+) -->/g, (_, name: string) => {
    const part = PARTS[name];
    if (part === undefined) throw new Error(`rules/parts/${name}.md is not a known part`);
    return part.trimEnd();
  });
}
