-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mfaEnabledAt" TIMESTAMP(3),
ADD COLUMN     "mfaSecret" BYTEA;

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "provisionType" TEXT NOT NULL,
    "granteeType" TEXT NOT NULL,
    "granteeRef" TEXT NOT NULL,
    "purposes" TEXT[],
    "resourceTypes" TEXT[],
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentRevocation" (
    "id" UUID NOT NULL,
    "consentId" UUID NOT NULL,
    "revokedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConsentRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareTeamChange" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "change" TEXT NOT NULL,
    "byId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CareTeamChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BreakGlass" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BreakGlass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyAlert" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "actorId" UUID,
    "patientId" UUID,
    "summary" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" UUID,

    CONSTRAINT "PrivacyAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Disclosure" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "disclosedAt" TIMESTAMP(3) NOT NULL,
    "recipientName" TEXT NOT NULL,
    "recipientAddress" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "supersedesId" UUID,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Disclosure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleChange" (
    "id" UUID NOT NULL,
    "targetUserId" UUID NOT NULL,
    "fromRole" "Role" NOT NULL,
    "toRole" "Role" NOT NULL,
    "requestedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleChangeDecision" (
    "id" UUID NOT NULL,
    "roleChangeId" UUID NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "decidedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleChangeDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Consent_patientId_idx" ON "Consent"("patientId");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentRevocation_consentId_key" ON "ConsentRevocation"("consentId");

-- CreateIndex
CREATE INDEX "CareTeamChange_patientId_userId_createdAt_idx" ON "CareTeamChange"("patientId", "userId", "createdAt");

-- CreateIndex
CREATE INDEX "CareTeamChange_userId_idx" ON "CareTeamChange"("userId");

-- CreateIndex
CREATE INDEX "BreakGlass_userId_patientId_expiresAt_idx" ON "BreakGlass"("userId", "patientId", "expiresAt");

-- CreateIndex
CREATE INDEX "PrivacyAlert_createdAt_idx" ON "PrivacyAlert"("createdAt");

-- CreateIndex
CREATE INDEX "PrivacyAlert_acknowledgedAt_idx" ON "PrivacyAlert"("acknowledgedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Disclosure_supersedesId_key" ON "Disclosure"("supersedesId");

-- CreateIndex
CREATE INDEX "Disclosure_patientId_disclosedAt_idx" ON "Disclosure"("patientId", "disclosedAt");

-- CreateIndex
CREATE INDEX "RoleChange_targetUserId_idx" ON "RoleChange"("targetUserId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleChangeDecision_roleChangeId_key" ON "RoleChangeDecision"("roleChangeId");

-- AddForeignKey
ALTER TABLE "ConsentRevocation" ADD CONSTRAINT "ConsentRevocation_consentId_fkey" FOREIGN KEY ("consentId") REFERENCES "Consent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleChangeDecision" ADD CONSTRAINT "RoleChangeDecision_roleChangeId_fkey" FOREIGN KEY ("roleChangeId") REFERENCES "RoleChange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

