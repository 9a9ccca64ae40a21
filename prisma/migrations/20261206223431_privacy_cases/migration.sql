-- Privacy cases: one actor's escalated alerts investigated together, with intake, states,
-- determination, sanction tier and notification date; every change an anchored, append-only
-- PrivacyCaseTransition (docs/privacy-cases.md).

-- AlterTable
ALTER TABLE "PrivacyAlert" ADD COLUMN     "caseId" UUID;

-- CreateTable
CREATE TABLE "PrivacyCase" (
    "id" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'intake',
    "ownerId" UUID,
    "discoveredAt" TIMESTAMP(3) NOT NULL,
    "discoveredHow" TEXT NOT NULL,
    "determination" TEXT,
    "sanctionTier" INTEGER,
    "notifiedAt" TIMESTAMP(3),
    "wrappedKey" BYTEA NOT NULL,
    "kekId" TEXT NOT NULL,
    "openedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyCaseTransition" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT NOT NULL,
    "alertIds" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[],
    "ownerId" UUID,
    "discoveredAt" TIMESTAMP(3),
    "discoveredHow" TEXT,
    "assessment" JSONB,
    "determination" TEXT,
    "sanctionTier" INTEGER,
    "notifiedAt" TIMESTAMP(3),
    "sealed" BYTEA,
    "byId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyCaseTransition_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrivacyCase_state_updatedAt_idx" ON "PrivacyCase"("state", "updatedAt");

-- CreateIndex
CREATE INDEX "PrivacyCase_actorId_idx" ON "PrivacyCase"("actorId");

-- CreateIndex
CREATE INDEX "PrivacyCaseTransition_caseId_createdAt_idx" ON "PrivacyCaseTransition"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "PrivacyAlert_caseId_idx" ON "PrivacyAlert"("caseId");


-- Hand-written: at most one open case per actor, so escalating that actor's alerts always finds the
-- same case (lib/monitor/cases/escalate-alerts-to-case.ts also serialises on the actor; this index is
-- the backstop a concurrent double escalation cannot get past).
CREATE UNIQUE INDEX "PrivacyCase_open_actor_key" ON "PrivacyCase"("actorId") WHERE state <> 'closed';
ALTER TABLE "PrivacyCase" ADD CONSTRAINT "PrivacyCase_state_check"
  CHECK (state IN ('intake', 'investigating', 'determined', 'closed'));
ALTER TABLE "PrivacyCase" ADD CONSTRAINT "PrivacyCase_sanction_tier_check" CHECK ("sanctionTier" BETWEEN 0 AND 4);

-- Hand-written: the transitions are history, append-only like the other anchored histories.
CREATE TRIGGER "PrivacyCaseTransition_append_only" BEFORE UPDATE OR DELETE ON "PrivacyCaseTransition"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "PrivacyCaseTransition_no_truncate" BEFORE TRUNCATE ON "PrivacyCaseTransition"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
