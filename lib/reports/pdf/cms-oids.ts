// Object identifiers of the CMS (RFC 5652), ESS (RFC 5035), X.509 (RFC 5280) and ECDSA
// (RFC 5480, RFC 5758) structures that a PAdES B-B signature (ETSI EN 319 142-1) uses.
export const OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  /** Must NOT be in a PAdES signature: the claimed signing time is the signature dictionary's /M. */
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificate: "1.2.840.113549.1.9.16.2.12",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha256: "2.16.840.1.101.3.4.2.1",
  ecPublicKey: "1.2.840.10045.2.1",
  prime256v1: "1.2.840.10045.3.1.7",
  secp384r1: "1.3.132.0.34",
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  ecdsaWithSha384: "1.2.840.10045.4.3.3",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  commonName: "2.5.4.3",
  organization: "2.5.4.10",
} as const;
