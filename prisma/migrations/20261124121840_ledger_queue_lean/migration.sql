-- DropIndex
DROP INDEX "LedgerQueue_kind_rowId_key";

