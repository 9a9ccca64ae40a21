-- AlterTable
ALTER TABLE "IssuedReport" ADD COLUMN     "engagementId" UUID;

-- CreateTable
CREATE TABLE "AuditEngagement" (
    "id" UUID NOT NULL,
    "auditorId" UUID NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "reportTypes" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "grantedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEngagement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEngagementRevocation" (
    "id" UUID NOT NULL,
    "engagementId" UUID NOT NULL,
    "revokedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEngagementRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEngagement_auditorId_id_idx" ON "AuditEngagement"("auditorId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEngagementRevocation_engagementId_key" ON "AuditEngagementRevocation"("engagementId");

-- CreateIndex
CREATE INDEX "IssuedReport_engagementId_id_idx" ON "IssuedReport"("engagementId", "id");

-- AddForeignKey
ALTER TABLE "AuditEngagementRevocation" ADD CONSTRAINT "AuditEngagementRevocation_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "AuditEngagement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: anchored history, append-only like the other history tables (a revocation is a new row).
CREATE TRIGGER "AuditEngagement_append_only" BEFORE UPDATE OR DELETE ON "AuditEngagement"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AuditEngagement_no_truncate" BEFORE TRUNCATE ON "AuditEngagement"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AuditEngagementRevocation_append_only" BEFORE UPDATE OR DELETE ON "AuditEngagementRevocation"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AuditEngagementRevocation_no_truncate" BEFORE TRUNCATE ON "AuditEngagementRevocation"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
