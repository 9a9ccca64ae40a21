import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { issueEvidenceCertificates } from "../../certificates/issue-evidence-certificates";
import { loadEvidenceSignerFrom, type TEvidenceSigner } from "../../certificates/load-evidence-signer";

export type TTestEvidence = TEvidenceSigner & {
  dir: string;
  files: { caCert: string; signerCert: string; signerKey: string };
  /** The CA's private key (PKCS #8 PEM), for tests that issue odd certificates. */
  caKeyPem: string;
};

/** A fresh evidence CA and signer in a temporary directory, loaded the way the app loads them. */
export async function makeTestEvidence(organization = "healthledger.test/log"): Promise<TTestEvidence> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-evidence-"));
  const issued = await issueEvidenceCertificates({ organization });
  const files = {
    caCert: path.join(dir, "ca.pem"),
    signerCert: path.join(dir, "signer.pem"),
    signerKey: path.join(dir, "signer-key.pem"),
  };
  fs.writeFileSync(files.caCert, issued.caCertPem);
  fs.writeFileSync(files.signerCert, issued.signerCertPem);
  fs.writeFileSync(files.signerKey, issued.signerKeyPem);
  return { ...loadEvidenceSignerFrom(files), dir, files, caKeyPem: issued.caKeyPem };
}
