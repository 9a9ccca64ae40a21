-- CreateTable
CREATE TABLE "LedgerTrustRequest" (
    "id" UUID NOT NULL,
    "logId" TEXT NOT NULL,
    "treeSize" BIGINT NOT NULL,
    "rootHash" BYTEA NOT NULL,
    "guardState" TEXT NOT NULL,
    "issuedTreeSize" BIGINT,
    "requestedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTrustRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerTrustDecision" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "approved" BOOLEAN NOT NULL,
    "decidedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerTrustDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LedgerTrustDecision_requestId_key" ON "LedgerTrustDecision"("requestId");

-- AddForeignKey
ALTER TABLE "LedgerTrustDecision" ADD CONSTRAINT "LedgerTrustDecision_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "LedgerTrustRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: both tables record history (a re-trust is never edited, only decided), so they
-- are append-only like the other anchored history tables (20261124125834_append_only_history).
CREATE TRIGGER "LedgerTrustRequest_append_only" BEFORE UPDATE OR DELETE ON "LedgerTrustRequest"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "LedgerTrustRequest_no_truncate" BEFORE TRUNCATE ON "LedgerTrustRequest"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "LedgerTrustDecision_append_only" BEFORE UPDATE OR DELETE ON "LedgerTrustDecision"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "LedgerTrustDecision_no_truncate" BEFORE TRUNCATE ON "LedgerTrustDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
