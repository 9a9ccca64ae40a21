// ECDSA verification (FIPS 186-5) over P-256 and P-384 with SHA-256/SHA-384 (RFC 5758 §3.2
// algorithm identifiers), through @noble/curves so it runs in a browser too. High-S signatures are
// accepted: X.509 and CMS signers (OpenSSL, WebCrypto, HSMs) do not normalise S.
import { p256, p384 } from "@noble/curves/nist.js";
import { sha256, sha384 } from "@noble/hashes/sha2.js";
import { OID } from "./cms-oids";

const CURVES = { [OID.prime256v1]: p256, [OID.secp384r1]: p384 } as const;
const DIGESTS = { [OID.ecdsaWithSha256]: sha256, [OID.ecdsaWithSha384]: sha384 } as const;

export type TEcdsaVerifyInput = {
  /** Named curve OID of the public key. */
  curve: string | undefined;
  publicKey: Uint8Array;
  /** ecdsa-with-SHA256 or ecdsa-with-SHA384. */
  signatureAlgorithm: string;
  /** DER ECDSA-Sig-Value. */
  signature: Uint8Array;
  message: Uint8Array;
};

/** True when the signature verifies; false for a wrong signature or an algorithm we do not take. */
export function verifyEcdsa(input: TEcdsaVerifyInput): boolean {
  const curve = input.curve ? CURVES[input.curve as keyof typeof CURVES] : undefined;
  const digest = DIGESTS[input.signatureAlgorithm as keyof typeof DIGESTS];
  if (!curve || !digest) return false;
  try {
    return curve.verify(input.signature, digest(input.message), input.publicKey, {
      prehash: false,
      format: "der",
      lowS: false,
    });
  } catch {
    return false;
  }
}
