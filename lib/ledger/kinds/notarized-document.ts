import { defineLeafKind } from "./define-leaf-kind";

/** A file fingerprint. Changing this list breaks verification of old leaves: bump `version` instead. */
export const notarizedDocumentKind = defineLeafKind({
  kind: "notarized_document",
  version: 1,
  table: "NotarizedDocument",
  fields: ["id", "title", "sha256", "createdById", "createdAt"],
});
