-- CreateTable
CREATE TABLE "WitnessCosignature" (
    "id" UUID NOT NULL,
    "witnessKey" TEXT NOT NULL,
    "treeSize" BIGINT NOT NULL,
    "cosignature" TEXT NOT NULL,
    "cosignedAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessCosignature_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WitnessStatus" (
    "witnessKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "cosignedTreeSize" BIGINT,
    "cosignedAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WitnessStatus_pkey" PRIMARY KEY ("witnessKey")
);

-- CreateIndex
CREATE INDEX "WitnessCosignature_treeSize_idx" ON "WitnessCosignature"("treeSize");

-- CreateIndex
CREATE UNIQUE INDEX "WitnessCosignature_witnessKey_treeSize_key" ON "WitnessCosignature"("witnessKey", "treeSize");


-- Hand-written: a cosignature once received is evidence and is never edited or removed, like
-- the other history tables (20261124125834_append_only_history).
CREATE TRIGGER "WitnessCosignature_append_only" BEFORE UPDATE OR DELETE ON "WitnessCosignature"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "WitnessCosignature_no_truncate" BEFORE TRUNCATE ON "WitnessCosignature"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
