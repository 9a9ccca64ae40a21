import { defineLeafKind } from "./define-leaf-kind";

/**
 * An audit engagement granted to an auditor (AuditEngagement): whom, which period and report
 * types, until when, granted by whom. Changing this list breaks verification of old leaves: bump
 * `version` instead.
 */
export const auditEngagementKind = defineLeafKind({
  kind: "audit_engagement",
  version: 1,
  table: "AuditEngagement",
  fields: ["id", "auditorId", "periodStart", "periodEnd", "reportTypes", "expiresAt", "grantedById", "createdAt"],
});

/** The revocation of an audit engagement (AuditEngagementRevocation). Same warning as above. */
export const auditEngagementRevocationKind = defineLeafKind({
  kind: "audit_engagement_revocation",
  version: 1,
  table: "AuditEngagementRevocation",
  fields: ["id", "engagementId", "revokedById", "createdAt"],
});
