// Path validation from a signer certificate to one of the trusted CAs (a reduced RFC 5280 §6:
// names chain by bytes, each issuer is a CA whose key signed the child, every certificate is valid
// at the given time). No revocation: PAdES B-B carries none, and the evidence CA publishes no CRL.
import { OID } from "../pdf/cms-oids";
import { verifyEcdsa } from "../pdf/verify-ecdsa";
import type { TParsedCertificate } from "./parse-certificate";

export type TChainResult =
  { ok: true; anchor: TParsedCertificate; path: TParsedCertificate[] } | { ok: false; reason: string };

const MAX_DEPTH = 5;
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function signedBy(child: TParsedCertificate, issuer: TParsedCertificate): boolean {
  return (
    issuer.publicKeyAlgorithm === OID.ecPublicKey &&
    verifyEcdsa({
      curve: issuer.curve,
      publicKey: issuer.publicKey,
      signatureAlgorithm: child.signatureAlgorithm,
      signature: child.signature,
      message: child.tbs,
    })
  );
}

const validAt = (cert: TParsedCertificate, at: Date) => cert.notBefore <= at && at <= cert.notAfter;

export function verifyCertificateChain(input: {
  leaf: TParsedCertificate;
  /** Certificates that came with the signature (may hold intermediates; never trusted by themselves). */
  intermediates: readonly TParsedCertificate[];
  trusted: readonly TParsedCertificate[];
  at: Date;
}): TChainResult {
  if (input.trusted.length === 0) return { ok: false, reason: "no trusted CA certificate was given" };
  const path: TParsedCertificate[] = [input.leaf];
  for (let cert = input.leaf; path.length <= MAX_DEPTH;) {
    if (!validAt(cert, input.at))
      return { ok: false, reason: `${cert.subjectText} is not valid at ${input.at.toISOString()}` };
    const anchor = input.trusted.find((ca) => sameBytes(ca.subject, cert.issuer) && signedBy(cert, ca));
    if (anchor) {
      if (!anchor.isCa) return { ok: false, reason: `${anchor.subjectText} is not a CA` };
      if (!validAt(anchor, input.at))
        return { ok: false, reason: `${anchor.subjectText} is not valid at ${input.at.toISOString()}` };
      return { ok: true, anchor, path };
    }
    const next = input.intermediates.find((c) => sameBytes(c.subject, cert.issuer) && c !== cert && signedBy(cert, c));
    if (!next) return { ok: false, reason: `no trusted CA issued ${cert.subjectText} (issuer ${cert.issuerText})` };
    if (!next.isCa) return { ok: false, reason: `${next.subjectText} is not a CA` };
    path.push(next);
    cert = next;
  }
  return { ok: false, reason: `no trusted CA within ${MAX_DEPTH} certificates` };
}
