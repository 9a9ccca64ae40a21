// CMS SignedData (RFC 5652 §5) in the CAdES form PAdES B-B asks for (ETSI EN 319 142-1 baseline,
// EN 319 122-1): detached content, signed attributes content-type, message-digest and
// ESS signing-certificate-v2 (RFC 5035), and deliberately no signing-time (the baseline forbids it;
// the claimed time is the signature dictionary's /M). ECDSA with SHA-256. Pure: the caller signs.
import { parseCertificate } from "../certificates/parse-certificate";
import { OID } from "./cms-oids";
import { contextTag, derInteger, derOctetString, derOid, derSequence, derSetOf, readDer, tlv, TAG } from "./der";

export type TBuildCadesOptions = {
  /** DER of the signer's certificate, then any intermediate CA certificates (not the trusted root). */
  certificates: readonly Uint8Array[];
  /** SHA-256 of the bytes the PDF's ByteRange covers. */
  contentDigest: Uint8Array;
  /** SHA-256 of a byte string, from the caller's crypto (node:crypto on the server). */
  sha256: (data: Uint8Array) => Uint8Array;
  /** ECDSA P-256/SHA-256 over the DER of the signed attributes; returns an ECDSA-Sig-Value (DER). */
  sign: (signedAttributes: Uint8Array) => Promise<Uint8Array> | Uint8Array;
};

const attribute = (type: string, value: Uint8Array) => derSequence(derOid(type), derSetOf(value));
const algorithm = (oid: string) => derSequence(derOid(oid));

/** The signed attributes as one DER SET OF (the bytes the signature covers, RFC 5652 §5.4). */
export function cadesSignedAttributes(options: Pick<TBuildCadesOptions, "certificates" | "contentDigest" | "sha256">) {
  if (options.contentDigest.length !== 32) throw new RangeError("contentDigest must be a SHA-256 digest");
  const signerDer = options.certificates[0];
  if (!signerDer) throw new RangeError("the signer's certificate is required");
  const signer = parseCertificate(signerDer);
  // ESSCertIDv2 with hashAlgorithm left at its DEFAULT (id-sha256), so it is omitted (RFC 5035 §4).
  const essCertId = derSequence(
    derOctetString(options.sha256(signerDer)),
    derSequence(derSequence(tlv(contextTag(4), signer.issuer)), signer.serialElement),
  );
  const set = derSetOf(
    attribute(OID.contentType, derOid(OID.data)),
    attribute(OID.messageDigest, derOctetString(options.contentDigest)),
    attribute(OID.signingCertificateV2, derSequence(derSequence(essCertId))),
  );
  return { set, signer };
}

/** A ContentInfo holding the SignedData, ready to go into the PDF's /Contents. */
export async function buildCadesSignedData(options: TBuildCadesOptions): Promise<Uint8Array> {
  const { set, signer } = cadesSignedAttributes(options);
  const signature = await options.sign(set);
  const signerInfo = derSequence(
    derInteger(1),
    derSequence(signer.issuer, signer.serialElement),
    algorithm(OID.sha256),
    tlv(contextTag(0), readDer(set).body), // the same SET OF, tagged [0] IMPLICIT
    algorithm(OID.ecdsaWithSha256),
    derOctetString(signature),
  );
  const signedData = derSequence(
    derInteger(1),
    derSetOf(algorithm(OID.sha256)),
    derSequence(derOid(OID.data)),
    tlv(contextTag(0), readDer(derSetOf(...options.certificates)).body), // [0] IMPLICIT CertificateSet
    tlv(TAG.SET, signerInfo),
  );
  return derSequence(derOid(OID.signedData), tlv(contextTag(0), signedData));
}
