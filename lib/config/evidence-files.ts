import fs from "node:fs";
import path from "node:path";
import { runtimeEnv, type TRuntimeEnv } from "./runtime-env";

// Where the evidence CA certificate and the PDF signer's certificate and key live
// (docs/evidence-signing.md). A deployment names all three files; a development machine gets them
// generated beside its other secrets on the first start, like the keys in .secrets/local.env.

export type TEvidenceFiles = {
  caCert: string;
  /** Only for generated CAs, so a development machine can issue a new signer; never read by the app. */
  caKey: string;
  signerCert: string;
  signerKey: string;
  /** True when the deployment named the files itself (nothing is then generated). */
  configured: boolean;
};

export type TGeneratedEvidence = { caCertPem: string; caKeyPem: string; signerCertPem: string; signerKeyPem: string };

export function evidenceFiles(env: TRuntimeEnv = runtimeEnv()): TEvidenceFiles {
  const named = [env.HL_EVIDENCE_CA_CERT_FILE, env.HL_EVIDENCE_SIGNER_CERT_FILE, env.HL_EVIDENCE_SIGNER_KEY_FILE];
  if (named.some(Boolean)) {
    const [caCert, signerCert, signerKey] = named;
    if (!caCert || !signerCert || !signerKey)
      throw new Error(
        "Invalid environment:\n  HL_EVIDENCE_CA_CERT_FILE, HL_EVIDENCE_SIGNER_CERT_FILE and HL_EVIDENCE_SIGNER_KEY_FILE " +
          "must be set together (or none of them, to generate a development CA)",
      );
    return { caCert, caKey: "", signerCert, signerKey, configured: true };
  }
  const dir = path.dirname(env.HL_SECRETS_FILE);
  return {
    caCert: path.join(dir, "evidence-ca.pem"),
    caKey: path.join(dir, "evidence-ca-key.pem"),
    signerCert: path.join(dir, "evidence-signer.pem"),
    signerKey: path.join(dir, "evidence-signer-key.pem"),
    configured: false,
  };
}

/**
 * Makes sure the evidence files exist: a deployment's must all be there; missing generated ones
 * are issued by `issue` (lib/reports/certificates passes it in: lib/config depends on no other
 * part of lib/). Never replaces a CA that exists in part: a new CA has to be published and
 * anchored again, so that is a deliberate act. Returns whether it generated a new CA.
 */
export async function ensureEvidenceFiles(opts: {
  issue: (organization: string) => Promise<TGeneratedEvidence>;
  env?: TRuntimeEnv;
}): Promise<boolean> {
  const env = opts.env ?? runtimeEnv();
  const files = evidenceFiles(env);
  const needed = [files.caCert, files.signerCert, files.signerKey];
  const missing = needed.filter((f) => !fs.existsSync(f));
  if (missing.length === 0) return false;
  if (files.configured || missing.length < needed.length)
    throw new Error(
      `The evidence CA is incomplete: ${missing.join(", ")} missing. Restore ${missing.length > 1 ? "them" : "it"}` +
        (files.configured
          ? "."
          : `, or delete ${needed.filter((f) => !missing.includes(f)).join(", ")} to generate a new CA.`),
    );
  const generated = await opts.issue(env.HL_LOG_ORIGIN);
  fs.mkdirSync(path.dirname(files.caCert), { recursive: true, mode: 0o700 });
  fs.writeFileSync(files.caKey, generated.caKeyPem, { mode: 0o600 });
  fs.writeFileSync(files.signerKey, generated.signerKeyPem, { mode: 0o600 });
  fs.writeFileSync(files.signerCert, generated.signerCertPem, { mode: 0o644 });
  fs.writeFileSync(files.caCert, generated.caCertPem, { mode: 0o644 });
  console.warn(
    `WARNING: generated an evidence CA and PDF signer into ${path.dirname(files.caCert)}/evidence-*.pem.\n` +
      "         Fine for development; production names its own (HL_EVIDENCE_*_FILE, docs/evidence-signing.md).",
  );
  return true;
}
