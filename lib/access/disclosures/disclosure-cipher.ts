import "server-only";
import { open, seal } from "@/lib/keys/aes-gcm";
import type { TDisclosureContent } from "./disclosure-input";

// The sealed column of Disclosure: AES-256-GCM under the patient's data key, iv ‖ ciphertext.
// The patient and entry ids are the associated data, so a blob moved to another row fails to open.

const IV_LENGTH = 12;
const aad = (ids: TDisclosureIds) => `disclosure:${ids.patientId}:${ids.disclosureId}`;

export type TDisclosureIds = { patientId: string; disclosureId: string };

export function sealDisclosure(dek: Uint8Array, ids: TDisclosureIds, content: TDisclosureContent): Buffer {
  const { iv, ciphertext } = seal(dek, Buffer.from(JSON.stringify(content), "utf8"), aad(ids));
  return Buffer.concat([iv, ciphertext]);
}

export function openDisclosure(dek: Uint8Array, ids: TDisclosureIds, sealed: Uint8Array): TDisclosureContent {
  const buf = Buffer.from(sealed);
  const plain = open(dek, { iv: buf.subarray(0, IV_LENGTH), ciphertext: buf.subarray(IV_LENGTH) }, aad(ids));
  return JSON.parse(plain.toString("utf8")) as TDisclosureContent;
}
