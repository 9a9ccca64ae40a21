-- CreateEnum
CREATE TYPE "AccountResetKind" AS ENUM ('PASSWORD', 'MFA');

-- CreateTable
CREATE TABLE "AccountReset" (
    "id" UUID NOT NULL,
    "kind" "AccountResetKind" NOT NULL,
    "targetUserId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountReset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountResetDecision" (
    "id" UUID NOT NULL,
    "resetId" UUID NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "decidedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountResetDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccountReset_targetUserId_idx" ON "AccountReset"("targetUserId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountResetDecision_resetId_key" ON "AccountResetDecision"("resetId");

-- AddForeignKey
ALTER TABLE "AccountResetDecision" ADD CONSTRAINT "AccountResetDecision_resetId_fkey" FOREIGN KEY ("resetId") REFERENCES "AccountReset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: history, append-only like the role changes (20261124125834_append_only_history).
CREATE TRIGGER "AccountReset_append_only" BEFORE UPDATE OR DELETE ON "AccountReset"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AccountReset_no_truncate" BEFORE TRUNCATE ON "AccountReset"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AccountResetDecision_append_only" BEFORE UPDATE OR DELETE ON "AccountResetDecision"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "AccountResetDecision_no_truncate" BEFORE TRUNCATE ON "AccountResetDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
