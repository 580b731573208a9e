import { integrityRule } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default integrityRule({
  meta: { id: "TG025", ...factsOf("TG025"), name: "log-file-modified", level: "error", summary: "A log file differs from the hash its digest lists" },
  problem: "log-modified",
  messageId: "modified",
  message: "Log file {{object}} of trail {{trail}} was changed after delivery: {{detail}}.",
  doc: withParts(doc),
});
