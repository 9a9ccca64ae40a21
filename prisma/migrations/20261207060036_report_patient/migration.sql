-- AlterTable
ALTER TABLE "IssuedReport" ADD COLUMN     "patientId" UUID;

-- CreateIndex
CREATE INDEX "IssuedReport_patientId_id_idx" ON "IssuedReport"("patientId", "id");

