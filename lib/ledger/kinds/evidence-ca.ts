import { defineLeafKind } from "./define-leaf-kind";

/**
 * The evidence CA certificate report PDFs chain to, by its SHA-256 (docs/evidence-signing.md).
 * Changing this list breaks verification of old leaves: bump `version` instead.
 */
export const evidenceCaKind = defineLeafKind({
  kind: "evidence_ca",
  version: 1,
  table: "EvidenceCaCertificate",
  fields: ["id", "sha256", "subject", "notBefore", "notAfter", "createdAt"],
});
