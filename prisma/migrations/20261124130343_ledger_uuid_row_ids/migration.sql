-- Hand-written (the generated diff dropped and re-added the columns, losing every row id).
-- Every anchored table's primary key is a uuid, so the stored text converts losslessly; the
-- conversion rewrites the tables without firing the append-only row triggers. Leaf bytes and
-- hashes are untouched: only how LedgerQueue/LedgerEntry point at their rows changes.

-- DropIndex
DROP INDEX "LedgerEntry_kind_rowId_key";

-- AlterTable
ALTER TABLE "LedgerQueue" ALTER COLUMN "rowId" TYPE UUID USING "rowId"::uuid;

-- AlterTable
ALTER TABLE "LedgerEntry" ALTER COLUMN "rowId" TYPE UUID USING "rowId"::uuid;

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_rowId_kind_key" ON "LedgerEntry"("rowId", "kind");
