import { integrityRule } from "../../src/semantics/integrity.ts";
import { factsOf } from "../facts.ts";
import doc from "./doc.md";
import { withParts } from "../doc-parts.ts";

export default integrityRule({
  meta: { id: "TG023", ...factsOf("TG023"), name: "log-digest-signature-invalid", level: "error", summary: "A digest file's signature does not verify" },
  problem: "digest-signature-invalid",
  messageId: "invalid",
  message: "Digest file {{object}} of trail {{trail}} fails verification: {{detail}}.",
  doc: withParts(doc),
});
