// An evidence CA the verifier brings instead of the bundle's evidence-ca.pem (the CLI's --ca, the
// /verify page's CA field), with the fingerprint /.well-known/healthledger/ publishes for it.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { pemBlocks } from "./spki";

/** A pasted CA certificate is a few KB; this bounds what the field reads. */
export const MAX_TRUSTED_CA_BYTES = 1 << 20;

export type TTrustedCa = { ok: true; certificatesDer: Uint8Array[]; sha256: string } | { ok: false; problem: string };

/** The CERTIFICATE blocks of `pem`; `sha256` is the hex SHA-256 of the first one's DER (index field evidenceCa.sha256). */
export function readTrustedCa(pem: string): TTrustedCa {
  if (pem.length > MAX_TRUSTED_CA_BYTES) return { ok: false, problem: "that is far larger than a CA certificate" };
  let certificatesDer: Uint8Array[];
  try {
    certificatesDer = pemBlocks(pem, "CERTIFICATE");
  } catch {
    return { ok: false, problem: "the PEM block is not valid base64" };
  }
  if (certificatesDer.length === 0)
    return { ok: false, problem: "no PEM certificate (-----BEGIN CERTIFICATE-----) found" };
  return { ok: true, certificatesDer, sha256: bytesToHex(sha256(certificatesDer[0])) };
}
