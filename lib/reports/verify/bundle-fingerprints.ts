// What a regulator compares with /.well-known/healthledger (lib/reports/certificates/evidence-index.ts):
// the fingerprints of the keys and certificates a bundle carries, computed the way the index states them.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { BUNDLE_FILES } from "./layout";
import { pemBlocks } from "./spki";

export type TBundleFingerprints = {
  /** Index field reportSigningKey.keyId: hex SHA-256 of the SPKI DER. */
  reportSigningKeyId: string | null;
  /** Index field log.verifierKey. */
  logVerifierKey: string | null;
  /** Index fields evidenceCa.sha256 and pdfSigner.sha256: hex SHA-256 of the certificate DER. */
  evidenceCaSha256: string | null;
  pdfSignerSha256: string | null;
};

function firstPemSha256(bytes: Uint8Array | undefined, label: string): string | null {
  if (!bytes) return null;
  try {
    const [der] = pemBlocks(new TextDecoder().decode(bytes), label);
    return der ? bytesToHex(sha256(der)) : null;
  } catch {
    return null;
  }
}

export function bundleFingerprints(files: Map<string, Uint8Array>): TBundleFingerprints {
  const logKey = files.get(BUNDLE_FILES.logKey);
  return {
    reportSigningKeyId: firstPemSha256(files.get(BUNDLE_FILES.reportKey), "PUBLIC KEY"),
    logVerifierKey: logKey ? new TextDecoder().decode(logKey).trim() || null : null,
    evidenceCaSha256: firstPemSha256(files.get(BUNDLE_FILES.evidenceCa), "CERTIFICATE"),
    pdfSignerSha256: firstPemSha256(files.get(BUNDLE_FILES.signer), "CERTIFICATE"),
  };
}
