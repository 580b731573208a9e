import { integrityRule } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default integrityRule({
  meta: { id: "TG026", ...factsOf("TG026"), name: "log-file-unlisted", level: "warning", summary: "A log file in the bucket is listed by no digest" },
  problem: "log-unlisted",
  messageId: "unlisted",
  message: "Log file {{object}} is in trail {{trail}}'s folder but no digest file lists it: {{detail}}.",
  doc: withParts(doc),
});
