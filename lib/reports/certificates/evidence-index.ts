import "server-only";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { anchorEvidenceCa } from "./anchor-evidence-ca";
import { getEvidenceSigner, type TEvidenceSigner } from "./load-evidence-signer";

/** Where /.well-known/healthledger/ serves each public key; the index points at them. */
export const WELL_KNOWN = {
  index: "/.well-known/healthledger/",
  logKey: "/.well-known/healthledger/log-key",
  evidenceCa: "/.well-known/healthledger/evidence-ca.pem",
  signer: "/.well-known/healthledger/evidence-signer.pem",
} as const;

/**
 * What /.well-known/healthledger/ lists: every key a regulator needs to check our evidence, with
 * the evidence CA's fingerprint and the ledger index that anchors it. Version 1: fields may be
 * added, never renamed or removed (regulators' scripts read it).
 */
export type TEvidenceIndex = {
  version: 1;
  log: { origin: string; algorithm: "Ed25519"; verifierKey: string; url: string };
  evidenceCa: {
    url: string;
    sha256: string;
    subject: string;
    notBefore: string;
    notAfter: string;
    /** The "evidence_ca" leaf, once sealed. */
    ledgerIndex: string | null;
  };
  pdfSigner: { url: string; sha256: string; subject: string; notAfter: string };
  reportSigningKey: { algorithm: "Ed25519"; keyId: string; publicKeyPem: string };
};

/** The configured evidence signer, or 503 with the reason logged (never shown: it names files). */
export function requireEvidenceSigner(): TEvidenceSigner {
  try {
    return getEvidenceSigner();
  } catch (error) {
    console.error(`[evidence] ${(error as Error).message}`);
    throw new AppError("unavailable", "The evidence CA is not configured on this server.");
  }
}

export async function evidenceIndex(prisma: PrismaClient): Promise<TEvidenceIndex> {
  const signer = requireEvidenceSigner();
  const anchor = await anchorEvidenceCa(prisma, signer.ca);
  const log = getLogKeys();
  const reportKey = getReportSigningKey();
  return {
    version: 1,
    log: { origin: log.origin, algorithm: "Ed25519", verifierKey: log.verifierKey, url: WELL_KNOWN.logKey },
    evidenceCa: {
      url: WELL_KNOWN.evidenceCa,
      sha256: signer.caSha256,
      subject: signer.ca.subjectText,
      notBefore: signer.ca.notBefore.toISOString(),
      notAfter: signer.ca.notAfter.toISOString(),
      ledgerIndex: anchor.ledgerIndex,
    },
    pdfSigner: {
      url: WELL_KNOWN.signer,
      sha256: signer.signerSha256,
      subject: signer.signer.subjectText,
      notAfter: signer.signer.notAfter.toISOString(),
    },
    reportSigningKey: { algorithm: "Ed25519", keyId: reportKey.keyId, publicKeyPem: reportKey.publicKeyPem },
  };
}

/** Start-up: anchor the configured CA (once per CA). A server without one still starts; reports then wait. */
export async function anchorConfiguredEvidenceCa(prisma: PrismaClient): Promise<void> {
  try {
    await anchorEvidenceCa(prisma, getEvidenceSigner().ca);
  } catch (error) {
    console.error(`[evidence] the evidence CA was not anchored: ${(error as Error).message}`);
  }
}
