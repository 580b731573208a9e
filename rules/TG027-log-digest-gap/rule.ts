import { integrityRule } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default integrityRule({
  meta: { id: "TG027", ...factsOf("TG027"), name: "log-digest-gap", level: "error", summary: "Digest files are missing for a period while the trail was logging" },
  problem: "digest-gap",
  messageId: "gap",
  message: "Trail {{trail}} has no digest files from {{from}} to {{to}} although it was logging: {{detail}}.",
  doc: withParts(doc),
});
