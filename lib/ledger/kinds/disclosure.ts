import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "../tlog/encoding";
import { defineLeafKind, encodeLeafValue, pickLeafFields, sha256HexOf, withOlderVersions } from "./define-leaf-kind";

const FIELDS = ["id", "patientId", "disclosedAt", "legalBasis", "supersedesId", "recordedById", "createdAt"] as const;

/**
 * v1 (entries written before the recipient was sealed): recipient name and address were stored
 * in plaintext and stayed out of the leaf in the clear: `contentSha256` is SHA-256 over the
 * canonical JSON of {recipientName, recipientAddress, sealed}.
 */
const v1 = defineLeafKind({
  kind: "disclosure",
  version: 1,
  table: "Disclosure",
  fields: [...FIELDS, "recipientName", "recipientAddress", "sealed"],
  toLeafObject: (row) => {
    const content = {
      recipientName: encodeLeafValue(row.recipientName),
      recipientAddress: encodeLeafValue(row.recipientAddress),
      sealed: encodeLeafValue(row.sealed),
    };
    return {
      ...pickLeafFields(row, FIELDS),
      contentSha256: bytesToHex(sha256(utf8ToBytes(canonicalize(content) ?? "null"))),
    };
  },
});

/**
 * v2: the recipient is sealed under the patient's data key too (a recipient "Oncology Centre"
 * reveals a diagnosis): the leaf carries the SHA-256 of each ciphertext, `sealed` (description,
 * purpose, request) and `sealedRecipient` (name, address). Their random IVs make the hashes
 * useless for guessing a recipient.
 */
const v2 = defineLeafKind({
  kind: "disclosure",
  version: 2,
  table: "Disclosure",
  fields: [...FIELDS, "sealed", "sealedRecipient"],
  toLeafObject: (row) => ({
    ...pickLeafFields(row, FIELDS),
    contentSha256: sha256HexOf(row.sealed),
    recipientSha256: sha256HexOf(row.sealedRecipient),
  }),
});

/**
 * One entry of the HIPAA 164.528 disclosure register (Disclosure). Changing a version's format
 * breaks verification of the leaves already sealed under it: add a version instead.
 */
export const disclosureKind = withOlderVersions(v2, [v1], (row) => (row.sealedRecipient == null ? 1 : 2));
