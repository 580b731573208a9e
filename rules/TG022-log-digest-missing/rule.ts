import { integrityRule } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default integrityRule({
  meta: { id: "TG022", ...factsOf("TG022"), name: "log-digest-missing", level: "error", summary: "A digest file of the trail's chain is missing" },
  problem: "digest-missing",
  messageId: "missing",
  message: "Digest file {{object}} of trail {{trail}} is missing: {{detail}}.",
  doc: withParts(doc),
});
