-- CreateTable
CREATE TABLE "LedgerQueue" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "leafHash" BYTEA NOT NULL,
    "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerQueue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "index" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "rowId" TEXT NOT NULL,
    "leafHash" BYTEA NOT NULL,
    "blockHeight" BIGINT NOT NULL,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "LedgerTile" (
    "level" INTEGER NOT NULL,
    "index" BIGINT NOT NULL,
    "width" INTEGER NOT NULL,
    "hashes" BYTEA NOT NULL,

    CONSTRAINT "LedgerTile_pkey" PRIMARY KEY ("level","index")
);

-- CreateTable
CREATE TABLE "LedgerBlock" (
    "height" BIGINT NOT NULL,
    "prevHash" BYTEA NOT NULL,
    "treeSize" BIGINT NOT NULL,
    "rootHash" BYTEA NOT NULL,
    "sealedAt" TIMESTAMP(3) NOT NULL,
    "blockHash" BYTEA NOT NULL,
    "checkpoint" TEXT NOT NULL,

    CONSTRAINT "LedgerBlock_pkey" PRIMARY KEY ("height")
);

-- CreateTable
CREATE TABLE "VerificationRun" (
    "id" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "treeSize" BIGINT NOT NULL,
    "findingCount" INTEGER NOT NULL,
    "findings" JSONB NOT NULL,

    CONSTRAINT "VerificationRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotarizedDocument" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "sha256" BYTEA NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotarizedDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdminAction" (
    "id" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "targetUserId" UUID,
    "details" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdminAction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LedgerQueue_kind_rowId_key" ON "LedgerQueue"("kind", "rowId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_kind_rowId_key" ON "LedgerEntry"("kind", "rowId");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerBlock_treeSize_key" ON "LedgerBlock"("treeSize");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerBlock_blockHash_key" ON "LedgerBlock"("blockHash");

-- CreateIndex
CREATE INDEX "VerificationRun_startedAt_idx" ON "VerificationRun"("startedAt");

-- CreateIndex
CREATE INDEX "NotarizedDocument_sha256_idx" ON "NotarizedDocument"("sha256");

-- CreateIndex
CREATE INDEX "AdminAction_createdAt_idx" ON "AdminAction"("createdAt");

-- CreateIndex
CREATE INDEX "AdminAction_targetUserId_idx" ON "AdminAction"("targetUserId");

-- Hand-written: shape checks the Prisma schema cannot express. They catch sequencer bugs at
-- write time. Tampering by a superuser is caught by verification, not by these.
ALTER TABLE "LedgerQueue" ADD CONSTRAINT "LedgerQueue_leafHash_len" CHECK (length("leafHash") = 32);
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_index_nonneg" CHECK ("index" >= 0);
ALTER TABLE "LedgerEntry" ADD CONSTRAINT "LedgerEntry_leafHash_len" CHECK (length("leafHash") = 32);
ALTER TABLE "LedgerTile" ADD CONSTRAINT "LedgerTile_shape" CHECK (
  "level" >= 0 AND "index" >= 0 AND "width" BETWEEN 1 AND 256 AND length("hashes") = 32 * "width");
ALTER TABLE "LedgerBlock" ADD CONSTRAINT "LedgerBlock_shape" CHECK (
  "height" >= 0 AND "treeSize" > 0 AND length("prevHash") = 32 AND length("rootHash") = 32 AND length("blockHash") = 32);

-- Hand-written: the ledger is append-only. Entries and blocks are never updated or deleted; a
-- tile may only grow (a partial tile becomes wider, keeping its existing hashes). This stops
-- accidents and the application role; a superuser can still disable triggers, which is why
-- full verification re-checks everything.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger table "%" is append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION ledger_tile_grow_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."level" <> OLD."level" OR NEW."index" <> OLD."index" OR NEW."width" < OLD."width"
     OR substring(NEW."hashes" FROM 1 FOR length(OLD."hashes")) <> OLD."hashes" THEN
    RAISE EXCEPTION 'ledger tile %/% may only grow', OLD."level", OLD."index"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "LedgerEntry_append_only" BEFORE UPDATE OR DELETE ON "LedgerEntry"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER "LedgerEntry_no_truncate" BEFORE TRUNCATE ON "LedgerEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER "LedgerBlock_append_only" BEFORE UPDATE OR DELETE ON "LedgerBlock"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER "LedgerBlock_no_truncate" BEFORE TRUNCATE ON "LedgerBlock"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER "LedgerTile_grow_only" BEFORE UPDATE ON "LedgerTile"
  FOR EACH ROW EXECUTE FUNCTION ledger_tile_grow_only();
CREATE TRIGGER "LedgerTile_no_delete" BEFORE DELETE ON "LedgerTile"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER "LedgerTile_no_truncate" BEFORE TRUNCATE ON "LedgerTile"
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
