import "server-only";
import { readPatientText, sealPatientText, type TPatientText } from "@/lib/keys/patient-text";

/** Where a decision's reason is sealed (lib/keys/patient-text.ts); part of the stored format. */
const COLUMN = "ErasureDecision.reason";

export type TDecisionIds = { patientId: string; decisionId: string };

export function sealErasureReason(dek: Uint8Array, ids: TDecisionIds, reason: string): Buffer {
  return sealPatientText(dek, { column: COLUMN, patientId: ids.patientId, rowId: ids.decisionId }, reason);
}

/** The reason of a decision, sealed (v2) or plaintext (v1); the erased marker once the key is gone. */
export function readErasureReason(
  dek: Uint8Array | null,
  ids: TDecisionIds,
  stored: { sealedReason: Uint8Array | null; reason: string | null },
): TPatientText {
  return readPatientText(
    dek,
    { column: COLUMN, patientId: ids.patientId, rowId: ids.decisionId },
    { sealed: stored.sealedReason, legacy: stored.reason },
  );
}
