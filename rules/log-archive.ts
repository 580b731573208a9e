import snippets from "./log-archive-snippets.md";

const MARK = "<!-- log-archive-snippets: rules/log-archive-snippets.md -->";

/**
 * The help of a verify rule (TG022-TG027): its own text, with the Terraform and CloudFormation of a
 * protected log archive, which all six end their fix with, in place of the marker.
 */
export function withLogArchiveSnippets(doc: string): string {
  if (!doc.includes(MARK)) throw new Error(`a verify rule's doc.md lacks the line ${MARK}`);
  return doc.replace(MARK, snippets.trimEnd());
}
