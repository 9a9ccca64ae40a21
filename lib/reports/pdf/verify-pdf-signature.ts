// Checks a report PDF's PAdES B-B signature (ETSI EN 319 142-1 baseline) against trusted CA
// certificates, without a server: ByteRange covers the whole file, the CMS message-digest is the
// SHA-256 of those bytes, the ECDSA signature over the signed attributes verifies with the signer's
// certificate, signing-certificate-v2 names that certificate, there is no signing-time attribute,
// and the certificate chains to a trusted CA. Isomorphic (no node: imports): /verify runs it in
// the browser, `healthledger verify-report` in Node. Every check is reported, failed or not.
import { sha256 } from "@noble/hashes/sha2.js";
import { parseCertificate, type TParsedCertificate } from "../certificates/parse-certificate";
import { verifyCertificateChain } from "../certificates/verify-certificate-chain";
import { OID } from "./cms-oids";
import { children, decodeOid, parseDer, TAG } from "./der";
import { findPdfSignature } from "./find-pdf-signature";
import { readCadesSignedData, type TCadesSignedData } from "./read-cades-signed-data";
import { verifyEcdsa } from "./verify-ecdsa";

export const PDF_SIGNATURE_CHECKS = [
  "signature-present",
  "byte-range",
  "sub-filter",
  "cms-structure",
  "message-digest",
  "signature-value",
  "signing-certificate-v2",
  "no-signing-time",
  "certificate-chain",
] as const;
export type TPdfSignatureCheckCode = (typeof PDF_SIGNATURE_CHECKS)[number];
export type TPdfSignatureCheck = { code: TPdfSignatureCheckCode; ok: boolean; message: string };

export type TPdfSignatureResult = {
  valid: boolean;
  /** One entry per code of PDF_SIGNATURE_CHECKS, in that order. */
  checks: TPdfSignatureCheck[];
  failures: TPdfSignatureCheck[];
  subFilter?: string;
  /** /M of the signature dictionary (the claimed signing time), ISO 8601. */
  signingTime?: string;
  byteRange?: [number, number, number, number];
  signer?: { subject: string; issuer: string; serialNumber: string; sha256: string };
  /** The trusted CA the signer chains to. */
  trustedCa?: { subject: string; sha256: string };
};

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) =>
  !!a && a.length === b.length && a.every((x, i) => x === b[i]);

type TCheckFn = () => string | { fail: string };

/** The checks that need the CMS; each returns its success sentence or { fail }. */
function cmsChecks(input: {
  pdf: Uint8Array;
  byteRange: [number, number, number, number];
  cms: TCadesSignedData;
  signer: TParsedCertificate | undefined;
  chain: () => ReturnType<typeof verifyCertificateChain> | { ok: false; reason: string };
}): Record<
  Exclude<TPdfSignatureCheckCode, "signature-present" | "byte-range" | "sub-filter" | "cms-structure">,
  TCheckFn
> {
  const { cms, signer } = input;
  const attrs = cms.signer.attributes;
  const single = (oid: string) => (attrs.get(oid)?.length === 1 ? attrs.get(oid)![0] : undefined);
  return {
    "message-digest": () => {
      const [a, b, c, d] = input.byteRange;
      const signed = new Uint8Array(b + d);
      signed.set(input.pdf.subarray(a, a + b), 0);
      signed.set(input.pdf.subarray(c, c + d), b);
      const digest = single(OID.messageDigest);
      if (cms.signer.digestAlgorithm !== OID.sha256) return { fail: "the digest algorithm is not SHA-256" };
      if (!digest || digest.tag !== TAG.OCTET_STRING) return { fail: "the message-digest attribute is missing" };
      return sameBytes(digest.body, sha256(signed))
        ? "the message-digest is the SHA-256 of the signed bytes"
        : { fail: "digest mismatch: the signed bytes were changed after signing" };
    },
    "signature-value": () => {
      if (!signer) return { fail: "the signer's certificate is not in the signature" };
      if (signer.publicKeyAlgorithm !== OID.ecPublicKey || signer.curve !== OID.prime256v1)
        return { fail: "the signer's key is not ECDSA P-256" };
      const algorithm =
        cms.signer.signatureAlgorithm === OID.ecPublicKey ? OID.ecdsaWithSha256 : cms.signer.signatureAlgorithm;
      if (algorithm !== OID.ecdsaWithSha256) return { fail: "the signature algorithm is not ECDSA with SHA-256" };
      const ok = verifyEcdsa({
        curve: signer.curve,
        publicKey: signer.publicKey,
        signatureAlgorithm: algorithm,
        signature: cms.signer.signature,
        message: cms.signer.signedAttributes,
      });
      return ok
        ? "the ECDSA P-256 signature over the signed attributes verifies"
        : { fail: "the ECDSA signature does not verify" };
    },
    "signing-certificate-v2": () => {
      const value = single(OID.signingCertificateV2);
      if (!value) return { fail: "the signing-certificate-v2 attribute is missing" };
      if (!signer) return { fail: "the signer's certificate is not in the signature" };
      const [certs] = children(value);
      const [first] = children(certs);
      const parts = children(first);
      const explicitAlgorithm = parts[0].tag === TAG.SEQUENCE ? decodeOid(children(parts.shift()!)[0]) : OID.sha256;
      const [certHash, issuerSerial] = parts;
      if (explicitAlgorithm !== OID.sha256) return { fail: "signing-certificate-v2 does not hash with SHA-256" };
      if (!sameBytes(certHash.body, sha256(signer.der)))
        return { fail: "signing-certificate-v2 names another certificate" };
      if (issuerSerial) {
        const [names, serial] = children(issuerSerial);
        const directoryName = children(names).find((n) => n.tag === 0xa4);
        if (
          !sameBytes(serial.raw, signer.serialElement) ||
          !directoryName ||
          !sameBytes(children(directoryName)[0]?.raw, signer.issuer)
        )
          return { fail: "signing-certificate-v2's issuer and serial are not the signer's" };
      }
      return "signing-certificate-v2 names the signer's certificate";
    },
    "no-signing-time": () =>
      attrs.has(OID.signingTime)
        ? { fail: "a signing-time attribute is present (PAdES puts the time in /M only)" }
        : "no signing-time attribute",
    "certificate-chain": () => {
      const usage = signer?.keyUsage;
      if (usage && !usage.digitalSignature && !usage.nonRepudiation)
        return {
          fail: "the signer's certificate may not sign documents (its keyUsage has neither digitalSignature nor nonRepudiation)",
        };
      const chain = input.chain();
      return chain.ok ? `the signer's certificate chains to ${chain.anchor.subjectText}` : { fail: chain.reason };
    },
  };
}

export function verifyPdfSignature(pdf: Uint8Array, trustedCas: Uint8Array[] /* DER */): TPdfSignatureResult {
  const results = new Map<TPdfSignatureCheckCode, TPdfSignatureCheck>();
  const record = (code: TPdfSignatureCheckCode, outcome: string | { fail: string }) =>
    results.set(
      code,
      typeof outcome === "string" ? { code, ok: true, message: outcome } : { code, ok: false, message: outcome.fail },
    );
  const finish = (extra: Partial<TPdfSignatureResult> = {}): TPdfSignatureResult => {
    const checks = PDF_SIGNATURE_CHECKS.map(
      (code) => results.get(code) ?? { code, ok: false, message: "not checked: an earlier check failed" },
    );
    const failures = checks.filter((c) => !c.ok);
    return { valid: failures.length === 0, checks, failures, ...extra };
  };

  const found = findPdfSignature(pdf);
  if ("error" in found) return (record("signature-present", { fail: found.error }), finish());
  record(
    "signature-present",
    found.signatureCount === 1
      ? "one signature"
      : { fail: `${found.signatureCount} signatures: a report carries exactly one` },
  );
  const [a, b, c, d] = found.byteRange;
  record(
    "byte-range",
    a === 0 && c + d === pdf.length && b < c
      ? "the byte range covers the whole file except the signature"
      : { fail: `the byte range [${found.byteRange.join(" ")}] does not cover the whole file (${pdf.length} bytes)` },
  );
  record(
    "sub-filter",
    found.subFilter === "ETSI.CAdES.detached"
      ? "SubFilter ETSI.CAdES.detached"
      : { fail: `SubFilter is ${found.subFilter ?? "missing"}, not ETSI.CAdES.detached` },
  );
  const extra: Partial<TPdfSignatureResult> = {
    subFilter: found.subFilter,
    signingTime: found.signingTime?.toISOString(),
    byteRange: found.byteRange,
  };
  let cms: TCadesSignedData;
  let certificates: TParsedCertificate[];
  let trusted: TParsedCertificate[];
  try {
    cms = readCadesSignedData(found.contents);
    certificates = cms.certificates.map(parseCertificate);
    trusted = trustedCas.map((der) => parseCertificate(parseDer(der).raw));
  } catch (error) {
    record("cms-structure", { fail: `the signature is not a readable CMS SignedData: ${(error as Error).message}` });
    return finish(extra);
  }
  record(
    "cms-structure",
    cms.detached ? "a detached CMS SignedData" : { fail: "the CMS carries its content (not detached)" },
  );
  const signer = certificates.find(
    (cert) => sameBytes(cms.signer.issuer, cert.issuer) && sameBytes(cms.signer.serialElement, cert.serialElement),
  );
  const chain = () =>
    signer
      ? verifyCertificateChain({
          leaf: signer,
          intermediates: certificates.filter((cert) => cert !== signer),
          trusted,
          at: found.signingTime ?? new Date(),
        })
      : { ok: false as const, reason: "the signer's certificate is not in the signature" };
  for (const [code, check] of Object.entries(cmsChecks({ pdf, byteRange: found.byteRange, cms, signer, chain }))) {
    try {
      record(code as TPdfSignatureCheckCode, check());
    } catch (error) {
      record(code as TPdfSignatureCheckCode, { fail: `unreadable: ${(error as Error).message}` });
    }
  }
  const chainResult = results.get("certificate-chain")?.ok ? chain() : undefined;
  return finish({
    ...extra,
    signer: signer && {
      subject: signer.subjectText,
      issuer: signer.issuerText,
      serialNumber: signer.serialHex,
      sha256: hex(sha256(signer.der)),
    },
    trustedCa: chainResult?.ok
      ? { subject: chainResult.anchor.subjectText, sha256: hex(sha256(chainResult.anchor.der)) }
      : undefined,
  });
}
