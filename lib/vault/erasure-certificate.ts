import canonicalize from "canonicalize";
import { ed25519 } from "@noble/curves/ed25519.js";
import { base64ToBytes, bytesToBase64, utf8ToBytes } from "@/lib/ledger/tlog/encoding";

// Erasure certificate, format v1: RFC 8785 canonical JSON of the payload, signed with Ed25519
// (RFC 8032) over "healthledger-erasure-certificate/v1\n" + canonical JSON, so the signature can
// never be mistaken for a checkpoint signature by the same key. Changing the payload fields or
// the prefix breaks verification of certificates already issued.

export const CERTIFICATE_FORMAT = "healthledger-erasure-certificate/v1";

export type TErasureCertificatePayload = {
  format: typeof CERTIFICATE_FORMAT;
  requestId: string;
  decisionId: string;
  pseudonym: string;
  filedBy: string;
  requestedAt: string;
  erasedAt: string;
  legalBasis: string;
  statement: string;
  ledger: {
    kind: string;
    index: number;
    /** The anchored leaf bytes (kind line + canonical JSON of the decision's fields, no PHI), base64. */
    leafBytes: string;
    leafHash: string;
    treeSize: number;
    /** RFC 9162 inclusion proof, base64 hashes, nearest the leaf first. */
    inclusionProof: string[];
    /** The C2SP signed checkpoint (note) for treeSize. */
    checkpoint: string;
  };
  issuedAt: string;
};

export type TErasureCertificate = {
  payload: TErasureCertificatePayload;
  signature: { alg: "Ed25519"; keyName: string; publicKey: string; value: string };
};

function signedBytes(payload: TErasureCertificatePayload): Uint8Array {
  const json = canonicalize(payload);
  if (json === undefined) throw new TypeError("certificate payload is not JSON");
  return utf8ToBytes(`${CERTIFICATE_FORMAT}\n${json}`);
}

export function signErasureCertificate(
  payload: TErasureCertificatePayload,
  key: { name: string; seed: Uint8Array; publicKey: Uint8Array },
): TErasureCertificate {
  const value = ed25519.sign(signedBytes(payload), key.seed);
  return {
    payload,
    signature: {
      alg: "Ed25519",
      keyName: key.name,
      publicKey: bytesToBase64(key.publicKey),
      value: bytesToBase64(value),
    },
  };
}

/** Checks the signature against a public key the verifier already trusts (never the one inside the certificate). */
export function verifyErasureCertificateSignature(cert: TErasureCertificate, trustedPublicKey: Uint8Array): boolean {
  if (cert?.payload?.format !== CERTIFICATE_FORMAT || cert.signature?.alg !== "Ed25519") return false;
  try {
    return ed25519.verify(base64ToBytes(cert.signature.value), signedBytes(cert.payload), trustedPublicKey, {
      zip215: false,
    });
  } catch {
    return false;
  }
}
