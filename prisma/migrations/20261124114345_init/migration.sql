-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'COMPLIANCE_OFFICER', 'CLINICIAN', 'AUDITOR', 'PATIENT');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "department" TEXT,
    "passwordHash" TEXT NOT NULL,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "firstFailedAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "lastNameIndex" TEXT,
    "addressIndex" TEXT,
    "patientId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Patient" (
    "id" UUID NOT NULL,
    "pseudonym" TEXT NOT NULL,
    "wrappedKey" BYTEA,
    "kekId" TEXT,
    "mrnIndex" TEXT,
    "lastNameIndex" TEXT,
    "addressIndex" TEXT,
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Patient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Record" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "resourceType" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RecordVersion" (
    "id" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "iv" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "ciphertextSha256" BYTEA NOT NULL,
    "authorId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessEvent" (
    "id" UUID NOT NULL,
    "recorded" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "subtype" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "outcomeDesc" TEXT,
    "actorId" UUID,
    "actorRole" "Role",
    "network" TEXT,
    "userAgent" TEXT,
    "purposeOfUse" TEXT,
    "patientId" UUID,
    "entityWhat" TEXT,
    "query" TEXT,
    "requestId" TEXT NOT NULL,

    CONSTRAINT "AccessEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_patientId_key" ON "User"("patientId");

-- CreateIndex
CREATE INDEX "User_lastNameIndex_idx" ON "User"("lastNameIndex");

-- CreateIndex
CREATE INDEX "User_addressIndex_idx" ON "User"("addressIndex");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_pseudonym_key" ON "Patient"("pseudonym");

-- CreateIndex
CREATE UNIQUE INDEX "Patient_mrnIndex_key" ON "Patient"("mrnIndex");

-- CreateIndex
CREATE INDEX "Patient_lastNameIndex_idx" ON "Patient"("lastNameIndex");

-- CreateIndex
CREATE INDEX "Patient_addressIndex_idx" ON "Patient"("addressIndex");

-- CreateIndex
CREATE INDEX "Record_patientId_resourceType_idx" ON "Record"("patientId", "resourceType");

-- CreateIndex
CREATE UNIQUE INDEX "RecordVersion_recordId_version_key" ON "RecordVersion"("recordId", "version");

-- CreateIndex
CREATE INDEX "AccessEvent_recorded_idx" ON "AccessEvent"("recorded");

-- CreateIndex
CREATE INDEX "AccessEvent_actorId_recorded_idx" ON "AccessEvent"("actorId", "recorded");

-- CreateIndex
CREATE INDEX "AccessEvent_patientId_recorded_idx" ON "AccessEvent"("patientId", "recorded");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Record" ADD CONSTRAINT "Record_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecordVersion" ADD CONSTRAINT "RecordVersion_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "Record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

