-- AlterEnum
ALTER TYPE "ErasureStatus" ADD VALUE 'WITHDRAWN';

-- AlterTable
ALTER TABLE "ErasureDecision" ADD COLUMN     "sealedReason" BYTEA,
ALTER COLUMN "reason" DROP NOT NULL;

-- AlterTable
ALTER TABLE "BreakGlass" ADD COLUMN     "sealedReason" BYTEA,
ALTER COLUMN "reason" DROP NOT NULL;


-- Hand-written: new rows seal their reason under the patient's data key (sealedReason); rows
-- written before keep their plaintext reason (leaf v1, which never covered it). Erasure must be
-- able to forget those plaintext reasons too, so the append-only trigger of these two tables
-- allows exactly one change: setting a non-NULL "reason" to NULL, every other column unchanged,
-- once the row's patient is erased. Anything else is refused as before.
CREATE FUNCTION history_allow_erasing_legacy_reason() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  subject uuid;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.reason IS NOT NULL AND NEW.reason IS NULL
     AND (to_jsonb(NEW) - 'reason') = (to_jsonb(OLD) - 'reason') THEN
    IF TG_TABLE_NAME = 'BreakGlass' THEN
      subject := OLD."patientId";
    ELSE
      SELECT r."patientId" INTO subject FROM "ErasureRequest" r WHERE r.id = OLD."requestId";
    END IF;
    IF EXISTS (SELECT 1 FROM "Patient" p WHERE p.id = subject AND p."erasedAt" IS NOT NULL) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'table "%" is append-only (% refused): record a new entry instead', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

DROP TRIGGER "BreakGlass_append_only" ON "BreakGlass";
CREATE TRIGGER "BreakGlass_append_only" BEFORE UPDATE OR DELETE ON "BreakGlass"
  FOR EACH ROW EXECUTE FUNCTION history_allow_erasing_legacy_reason();
DROP TRIGGER "ErasureDecision_append_only" ON "ErasureDecision";
CREATE TRIGGER "ErasureDecision_append_only" BEFORE UPDATE OR DELETE ON "ErasureDecision"
  FOR EACH ROW EXECUTE FUNCTION history_allow_erasing_legacy_reason();
