import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { evidenceFiles, type TEvidenceFiles } from "@/lib/config/evidence-files";
import type { TPdfSigner } from "../pdf/sign-pdf";
import { OID } from "../pdf/cms-oids";
import { parseCertificate, type TParsedCertificate } from "./parse-certificate";
import { verifyCertificateChain } from "./verify-certificate-chain";

// The evidence CA certificate and the PDF signer, read once from the files lib/config names and
// checked together before anything is signed: the key is ECDSA P-256 and belongs to the signer's
// certificate, and that certificate chains to the CA today.

export type TEvidenceSigner = {
  ca: TParsedCertificate;
  caPem: string;
  /** SHA-256 of the CA certificate's DER, lowercase hex: what regulators compare. */
  caSha256: string;
  signer: TParsedCertificate;
  /** The signer's certificate, then any intermediates, as the PEM file holds them. */
  signerPem: string;
  signerSha256: string;
  pdfSigner: TPdfSigner;
};

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;
const sha256Hex = (der: Uint8Array) => crypto.createHash("sha256").update(der).digest("hex");

export function pemCertificates(pem: string): Uint8Array[] {
  return [...pem.matchAll(PEM_BLOCK)].map((m) => new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64")));
}

export function loadEvidenceSignerFrom(
  files: Pick<TEvidenceFiles, "caCert" | "signerCert" | "signerKey">,
  now = new Date(),
): TEvidenceSigner {
  const problem = (file: string, why: string) =>
    new Error(`Evidence signer: ${file} ${why} (docs/evidence-signing.md)`);
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      throw problem(file, "cannot be read");
    }
  };
  const caPem = read(files.caCert);
  const signerPem = read(files.signerCert);
  const [caDer, ...extra] = pemCertificates(caPem);
  if (!caDer || extra.length) throw problem(files.caCert, "must hold exactly one certificate");
  const chainDer = pemCertificates(signerPem);
  if (chainDer.length === 0) throw problem(files.signerCert, "holds no certificate");
  const ca = parseCertificate(caDer);
  const [signer, ...intermediates] = chainDer.map(parseCertificate);
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey(read(files.signerKey));
  } catch {
    throw problem(files.signerKey, "is not a PEM private key");
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
    throw problem(files.signerKey, "is not an ECDSA P-256 key");
  const publicPoint = crypto.createPublicKey(key).export({ format: "jwk" });
  const certPoint = Buffer.from(signer.publicKey);
  const keyPoint = Buffer.concat([
    Buffer.of(4),
    Buffer.from(publicPoint.x!, "base64url"),
    Buffer.from(publicPoint.y!, "base64url"),
  ]);
  if (signer.curve !== OID.prime256v1 || !certPoint.equals(keyPoint))
    throw problem(files.signerKey, `does not belong to the certificate in ${files.signerCert}`);
  const chain = verifyCertificateChain({ leaf: signer, intermediates, trusted: [ca], at: now });
  if (!chain.ok) throw problem(files.signerCert, `does not chain to the evidence CA: ${chain.reason}`);
  return {
    ca,
    caPem: caPem.trim() + "\n",
    caSha256: sha256Hex(ca.der),
    signer,
    signerPem: signerPem.trim() + "\n",
    signerSha256: sha256Hex(signer.der),
    pdfSigner: {
      certificates: chainDer,
      sign: (data) => new Uint8Array(crypto.sign("sha256", data, { key, dsaEncoding: "der" })),
    },
  };
}

let cached: TEvidenceSigner | undefined;

/** The configured evidence signer, read and checked on first use. */
export function getEvidenceSigner(): TEvidenceSigner {
  cached ??= loadEvidenceSignerFrom(evidenceFiles());
  return cached;
}

/** Forget the loaded signer (tests; after replacing the files). */
export function reloadEvidenceSigner(): void {
  cached = undefined;
}
