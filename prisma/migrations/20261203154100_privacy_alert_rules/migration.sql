-- Rule findings become privacy alerts: rule, rule-set hash, local day, reason code, the events
-- behind it, and a status with owner and priority; each alert's creation and changes are anchored
-- through PrivacyAlertTransition.

-- AlterTable (new columns nullable first, filled for the break-glass alerts already stored, then required)
ALTER TABLE "PrivacyAlert" ADD COLUMN     "closeReason" TEXT,
ADD COLUMN     "day" DATE,
ADD COLUMN     "eventIds" UUID[] DEFAULT ARRAY[]::UUID[],
ADD COLUMN     "ownerId" UUID,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "reasonCode" TEXT,
ADD COLUMN     "ruleId" TEXT,
ADD COLUMN     "ruleSetHash" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'new',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- Hand-written: existing alerts are declarations (or test rows); an acknowledged one was looked at
-- and put away, which is what "closed, acknowledged" now says.
UPDATE "PrivacyAlert" SET
  "ruleId" = CASE WHEN kind = 'break_glass' THEN 'break-glass-declared' ELSE kind END,
  "reasonCode" = CASE WHEN kind = 'break_glass' THEN 'declared' ELSE kind END,
  "day" = ("createdAt" AT TIME ZONE 'UTC')::date,
  "priority" = CASE severity WHEN 'critical' THEN 1 WHEN 'high' THEN 2 WHEN 'medium' THEN 3 ELSE 4 END,
  "status" = CASE WHEN "acknowledgedAt" IS NULL THEN 'new' ELSE 'closed' END,
  "closeReason" = CASE WHEN "acknowledgedAt" IS NULL THEN NULL ELSE 'acknowledged' END,
  "updatedAt" = coalesce("acknowledgedAt", "createdAt");
ALTER TABLE "PrivacyAlert" ALTER COLUMN "day" SET NOT NULL,
  ALTER COLUMN "reasonCode" SET NOT NULL,
  ALTER COLUMN "ruleId" SET NOT NULL,
  ALTER COLUMN "eventIds" SET NOT NULL;

-- Hand-written: one rule alert per (rule, actor, patient, day). A finding about no patient has
-- patientId NULL, which a plain unique index would treat as distinct every time, so those get their
-- own index without the column (NULLS NOT DISTINCT would need PostgreSQL 15). Declarations are not
-- deduplicated: a clinician may declare twice in a day. The rules consumer inserts with
-- ON CONFLICT DO NOTHING, which honours both indexes.
CREATE UNIQUE INDEX "PrivacyAlert_rule_finding_key" ON "PrivacyAlert"("ruleId", "actorId", "patientId", "day")
  WHERE kind = 'rule' AND "patientId" IS NOT NULL;
CREATE UNIQUE INDEX "PrivacyAlert_rule_finding_no_patient_key" ON "PrivacyAlert"("ruleId", "actorId", "day")
  WHERE kind = 'rule' AND "patientId" IS NULL;
ALTER TABLE "PrivacyAlert" ADD CONSTRAINT "PrivacyAlert_status_check"
  CHECK (status IN ('new', 'under_review', 'closed', 'escalated'));
ALTER TABLE "PrivacyAlert" ADD CONSTRAINT "PrivacyAlert_priority_check" CHECK (priority BETWEEN 1 AND 4);

-- CreateTable
CREATE TABLE "PrivacyAlertTransition" (
    "id" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "reasonCode" TEXT,
    "ownerId" UUID,
    "priority" INTEGER,
    "byId" UUID,
    "alertDigest" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyAlertTransition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrivacyAlertTransition_alertId_createdAt_idx" ON "PrivacyAlertTransition"("alertId", "createdAt");

-- CreateIndex
CREATE INDEX "PrivacyAlert_status_severity_idx" ON "PrivacyAlert"("status", "severity");

-- CreateIndex
CREATE INDEX "PrivacyAlert_actorId_createdAt_idx" ON "PrivacyAlert"("actorId", "createdAt");

-- Hand-written: the transitions are history, append-only like the other anchored histories.
CREATE TRIGGER "PrivacyAlertTransition_append_only" BEFORE UPDATE OR DELETE ON "PrivacyAlertTransition"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "PrivacyAlertTransition_no_truncate" BEFORE TRUNCATE ON "PrivacyAlertTransition"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
