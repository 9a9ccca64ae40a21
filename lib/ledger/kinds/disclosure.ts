import canonicalize from "canonicalize";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "../tlog/encoding";
import { defineLeafKind, encodeLeafValue, pickLeafFields } from "./define-leaf-kind";

const FIELDS = ["id", "patientId", "disclosedAt", "legalBasis", "supersedesId", "recordedById", "createdAt"] as const;

/**
 * One entry of the HIPAA 164.528 disclosure register (Disclosure). Recipient name and address
 * can reveal a diagnosis (a recipient "Oncology Centre"), so they stay out of the leaf in the
 * clear: `contentSha256` is SHA-256 over the canonical JSON of {recipientName, recipientAddress,
 * sealed}. It covers every free-text column, and the sealed blob's random IV makes it useless
 * for guessing a recipient. Changing this format breaks verification of old leaves: bump
 * `version` instead.
 */
export const disclosureKind = defineLeafKind({
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
