import "server-only";
import { openPatientBytes, sealPatientBytes, type TSealedPlace } from "@/lib/keys/patient-text";
import type { TDisclosureContent, TDisclosureRecipient } from "./disclosure-input";

// The sealed columns of Disclosure, through lib/keys/patient-text. The content's column name
// "disclosure" predates the "<Table>.<column>" names and stays: it is in every stored
// ciphertext's associated data.

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

const recipientPlace = (ids: TDisclosureIds): TSealedPlace => ({
  column: "Disclosure.recipient",
  patientId: ids.patientId,
  rowId: ids.disclosureId,
});

export function sealRecipient(dek: Uint8Array, ids: TDisclosureIds, recipient: TDisclosureRecipient): Buffer {
  return sealPatientBytes(dek, recipientPlace(ids), Buffer.from(JSON.stringify(recipient), "utf8"));
}

export function openRecipient(dek: Uint8Array, ids: TDisclosureIds, sealed: Uint8Array): TDisclosureRecipient {
  return JSON.parse(openPatientBytes(dek, recipientPlace(ids), sealed).toString("utf8")) as TDisclosureRecipient;
}
