import "server-only";
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// The evidence CA (RFC 5280 profile, ECDSA P-256 with SHA-256) and the PDF signer certificate it
// issues. A regulator trusts the CA (published at /.well-known/healthledger/ and anchored in the
// ledger), so the signer can be replaced without asking anyone to trust a new key.

const ECDSA_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export type TEvidenceCertificates = {
  caCertPem: string;
  /** Kept beside the CA certificate on a development machine only; production keeps it offline. */
  caKeyPem: string;
  signerCertPem: string;
  signerKeyPem: string;
};

export type TIssueEvidenceCertificatesOptions = {
  /** Goes into both subjects (O=…), so certificates of different deployments read differently. */
  organization: string;
  now?: Date;
};

const pem = (label: string, der: ArrayBuffer) => x509.PemConverter.encode(der, label) + "\n";
const randomSerial = () =>
  Buffer.from(webcrypto.getRandomValues(new Uint8Array(16)))
    .toString("hex")
    .replace(/^[89a-f]/, "1");

/** A new CA (10 years) and a signer certificate (2 years) issued by it, each with a fresh P-256 key. */
export async function issueEvidenceCertificates(
  options: TIssueEvidenceCertificatesOptions,
): Promise<TEvidenceCertificates> {
  const organization = options.organization.replace(/[,=+<>#;"\\]/g, " ").trim() || "HealthLedger";
  const now = options.now ?? new Date();
  // Back-dated a minute so a verifier whose clock runs slightly behind still accepts a fresh signature.
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const crypto = webcrypto as unknown as Crypto;
  const caKeys = (await crypto.subtle.generateKey(ECDSA_P256, true, ["sign", "verify"])) as CryptoKeyPair;
  const signerKeys = (await crypto.subtle.generateKey(ECDSA_P256, true, ["sign", "verify"])) as CryptoKeyPair;
  const caName = `CN=HealthLedger Evidence CA, O=${organization}`;
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: caName,
      notBefore,
      notAfter: new Date(notBefore.getTime() + 10 * YEAR_MS),
      keys: caKeys,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const signer = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: `CN=HealthLedger Report Signer, O=${organization}`,
      issuer: ca.subject,
      notBefore,
      notAfter: new Date(notBefore.getTime() + 2 * YEAR_MS),
      publicKey: signerKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        // nonRepudiation (contentCommitment): the signer vouches for the report's content.
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(signerKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false, crypto),
      ],
    },
    crypto,
  );
  return {
    caCertPem: ca.toString("pem") + "\n",
    caKeyPem: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", caKeys.privateKey)),
    signerCertPem: signer.toString("pem") + "\n",
    signerKeyPem: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", signerKeys.privateKey)),
  };
}
