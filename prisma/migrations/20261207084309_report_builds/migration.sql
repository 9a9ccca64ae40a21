-- CreateTable
CREATE TABLE "ReportBuild" (
    "id" UUID NOT NULL,
    "reportType" TEXT NOT NULL,
    "requestedById" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "error" JSONB,

    CONSTRAINT "ReportBuild_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportBuild_requestedById_startedAt_idx" ON "ReportBuild"("requestedById", "startedAt");

ALTER TABLE "ReportBuild" ADD CONSTRAINT "ReportBuild_status_check" CHECK ("status" IN ('building', 'ready', 'failed'));
ALTER TABLE "ReportBuild" ADD CONSTRAINT "ReportBuild_counts_check" CHECK ("done" >= 0 AND "total" >= 0 AND "done" <= "total");

-- A bundle is downloaded in slices (substring of the bytea, lib/reports/issue/read-report-bundle.ts).
-- Stored out of line and uncompressed, a slice reads only its own TOAST chunks; compressed, every
-- slice would decompress the value from its start. A ZIP is compressed already, so nothing is lost.
ALTER TABLE "IssuedReportBundle" ALTER COLUMN "bundle" SET STORAGE EXTERNAL;
