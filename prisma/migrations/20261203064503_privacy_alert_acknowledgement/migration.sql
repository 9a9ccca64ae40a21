-- CreateTable
CREATE TABLE "PrivacyAlertAcknowledgement" (
    "id" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "patientId" UUID,
    "acknowledgedById" UUID NOT NULL,
    "sealedNote" BYTEA,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyAlertAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyAlertAcknowledgement_alertId_key" ON "PrivacyAlertAcknowledgement"("alertId");


-- Hand-written: acknowledgements are history, like the other anchored tables.
CREATE TRIGGER "PrivacyAlertAcknowledgement_append_only" BEFORE UPDATE OR DELETE ON "PrivacyAlertAcknowledgement"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
CREATE TRIGGER "PrivacyAlertAcknowledgement_no_truncate" BEFORE TRUNCATE ON "PrivacyAlertAcknowledgement"
  FOR EACH STATEMENT EXECUTE FUNCTION history_refuse_change();
