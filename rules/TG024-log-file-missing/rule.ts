import { integrityRule } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default integrityRule({
  meta: { id: "TG024", ...factsOf("TG024"), name: "log-file-missing", level: "error", summary: "A log file listed by a digest is missing" },
  problem: "log-missing",
  messageId: "missing",
  message: "Log file {{object}} of trail {{trail}} is missing: {{detail}}.",
  doc: withParts(doc),
});
