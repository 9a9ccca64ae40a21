-- CreateTable
CREATE TABLE "VerificationJob" (
    "id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "runId" UUID,

    CONSTRAINT "VerificationJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VerificationJob_startedAt_idx" ON "VerificationJob"("startedAt");

-- One running verification across every app instance: a second INSERT of a running row conflicts.
CREATE UNIQUE INDEX "VerificationJob_one_running" ON "VerificationJob" ((true)) WHERE "status" = 'running';
