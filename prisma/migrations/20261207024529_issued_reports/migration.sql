-- CreateTable
CREATE TABLE "IssuedReport" (
    "id" UUID NOT NULL,
    "reportType" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "issuedById" UUID NOT NULL,
    "reportSha256" BYTEA NOT NULL,

    CONSTRAINT "IssuedReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssuedReportBundle" (
    "reportId" UUID NOT NULL,
    "bundle" BYTEA NOT NULL,
    "bundleSha256" BYTEA NOT NULL,
    "checkpointSize" BIGINT NOT NULL,
    "quorumMet" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuedReportBundle_pkey" PRIMARY KEY ("reportId")
);

-- CreateIndex
CREATE INDEX "IssuedReport_issuedAt_id_idx" ON "IssuedReport"("issuedAt", "id");


-- Hand-written: anchored history and its bundles, append-only like the other history tables.
CREATE TRIGGER "IssuedReport_append_only" BEFORE UPDATE OR DELETE ON "IssuedReport"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "IssuedReport_no_truncate" BEFORE TRUNCATE ON "IssuedReport"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "IssuedReportBundle_append_only" BEFORE UPDATE OR DELETE ON "IssuedReportBundle"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "IssuedReportBundle_no_truncate" BEFORE TRUNCATE ON "IssuedReportBundle"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
