-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "employeePatientId" UUID,
ADD COLUMN     "terminatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Patient" ADD COLUMN     "deceasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Department" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "shifts" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountStatusChange" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "byId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientIdentityIndex" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientIdentityIndex_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientFlag" (
    "id" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "flag" TEXT NOT NULL,
    "activeFrom" TIMESTAMP(3) NOT NULL,
    "activeTo" TIMESTAMP(3),
    "periodMac" BYTEA NOT NULL,
    "byId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonitorRuleSet" (
    "id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "activatedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MonitorRuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE INDEX "AccountStatusChange_userId_createdAt_idx" ON "AccountStatusChange"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "PatientIdentityIndex_kind_value_idx" ON "PatientIdentityIndex"("kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "PatientIdentityIndex_patientId_kind_value_key" ON "PatientIdentityIndex"("patientId", "kind", "value");

-- CreateIndex
CREATE INDEX "PatientFlag_patientId_createdAt_idx" ON "PatientFlag"("patientId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MonitorRuleSet_version_key" ON "MonitorRuleSet"("version");

-- CreateIndex
CREATE UNIQUE INDEX "User_employeePatientId_key" ON "User"("employeePatientId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_employeePatientId_fkey" FOREIGN KEY ("employeePatientId") REFERENCES "Patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientIdentityIndex" ADD CONSTRAINT "PatientIdentityIndex_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PatientFlag" ADD CONSTRAINT "PatientFlag_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: history, append-only like the role changes (20261124125834_append_only_history).
CREATE TRIGGER "AccountStatusChange_append_only" BEFORE UPDATE OR DELETE ON "AccountStatusChange"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AccountStatusChange_no_truncate" BEFORE TRUNCATE ON "AccountStatusChange"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "PatientFlag_append_only" BEFORE UPDATE OR DELETE ON "PatientFlag"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "PatientFlag_no_truncate" BEFORE TRUNCATE ON "PatientFlag"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "MonitorRuleSet_append_only" BEFORE UPDATE OR DELETE ON "MonitorRuleSet"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "MonitorRuleSet_no_truncate" BEFORE TRUNCATE ON "MonitorRuleSet"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
