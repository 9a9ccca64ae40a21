-- CreateEnum
CREATE TYPE "ErasureStatus" AS ENUM ('REQUESTED', 'APPROVED', 'REFUSED');

-- AlterTable (hand-edited: versions written before record anchoring get empty values; they
-- were never anchored, so no leaf depends on them)
ALTER TABLE "RecordVersion" ADD COLUMN     "commitment" BYTEA NOT NULL DEFAULT '\x'::bytea,
ADD COLUMN     "pseudonym" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "resourceType" TEXT NOT NULL DEFAULT '';
ALTER TABLE "RecordVersion" ALTER COLUMN "commitment" DROP DEFAULT,
ALTER COLUMN "pseudonym" DROP DEFAULT,
ALTER COLUMN "resourceType" DROP DEFAULT;

-- CreateTable
CREATE TABLE "ErasureRequest" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "filedBy" TEXT NOT NULL,
    "status" "ErasureStatus" NOT NULL DEFAULT 'REQUESTED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ErasureRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureDecision" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "ground" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedById" UUID NOT NULL,
    "recordCount" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ErasureDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ErasureRequest_status_createdAt_idx" ON "ErasureRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ErasureRequest_patientId_idx" ON "ErasureRequest"("patientId");

-- CreateIndex
CREATE UNIQUE INDEX "ErasureDecision_requestId_key" ON "ErasureDecision"("requestId");

-- AddForeignKey
ALTER TABLE "ErasureRequest" ADD CONSTRAINT "ErasureRequest_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureDecision" ADD CONSTRAINT "ErasureDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ErasureRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

