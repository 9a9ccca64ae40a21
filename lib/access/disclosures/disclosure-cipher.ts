import "server-only";
import { openPatientBytes, sealPatientBytes, type TSealedPlace } from "@/lib/keys/patient-text";
import type { TDisclosureContent } from "./disclosure-input";

// The sealed column of Disclosure, through lib/keys/patient-text. Its column name "disclosure"
// predates the others' "<Table>.<column>" names and stays: it is in every stored ciphertext's
// associated data.

export type TDisclosureIds = { patientId: string; disclosureId: string };

const place = (ids: TDisclosureIds): TSealedPlace => ({
  column: "disclosure",
  patientId: ids.patientId,
  rowId: ids.disclosureId,
});

export function sealDisclosure(dek: Uint8Array, ids: TDisclosureIds, content: TDisclosureContent): Buffer {
  return sealPatientBytes(dek, place(ids), Buffer.from(JSON.stringify(content), "utf8"));
}

export function openDisclosure(dek: Uint8Array, ids: TDisclosureIds, sealed: Uint8Array): TDisclosureContent {
  return JSON.parse(openPatientBytes(dek, place(ids), sealed).toString("utf8")) as TDisclosureContent;
}
