-- Writers authenticate each queue entry (lib/ledger/seal/writer-mac.ts). Entries queued before
-- this migration carry no MAC: they get an empty one and are refused, and reported, by the next
-- seal (the key is not in the database, so SQL cannot vouch for them). Let the running version
-- seal its queue before upgrading to avoid that.
-- AlterTable
ALTER TABLE "LedgerQueue" ADD COLUMN     "mac" BYTEA NOT NULL DEFAULT '\x'::bytea,
ADD COLUMN     "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE "LedgerQueue" ALTER COLUMN "mac" DROP DEFAULT, ALTER COLUMN "recordedAt" DROP DEFAULT;

-- CreateTable
CREATE TABLE "LedgerRefusedEntry" (
    "id" BIGSERIAL NOT NULL,
    "queueId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "rowId" UUID NOT NULL,
    "leafHash" BYTEA NOT NULL,
    "mac" BYTEA NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "enqueuedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "refusedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerRefusedEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerRefusedEntry_refusedAt_idx" ON "LedgerRefusedEntry"("refusedAt");

-- Hand-written: refused entries are evidence, kept like every other history table.
CREATE TRIGGER "LedgerRefusedEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerRefusedEntry"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "LedgerRefusedEntry_no_truncate" BEFORE TRUNCATE ON "LedgerRefusedEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
