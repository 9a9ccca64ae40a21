-- CreateTable
CREATE TABLE "EvidenceCaCertificate" (
    "id" UUID NOT NULL,
    "sha256" BYTEA NOT NULL,
    "subject" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "certificate" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvidenceCaCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceCaCertificate_sha256_key" ON "EvidenceCaCertificate"("sha256");


-- Hand-written: anchored history, append-only like the other history tables.
CREATE TRIGGER "EvidenceCaCertificate_append_only" BEFORE UPDATE OR DELETE ON "EvidenceCaCertificate"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "EvidenceCaCertificate_no_truncate" BEFORE TRUNCATE ON "EvidenceCaCertificate"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
