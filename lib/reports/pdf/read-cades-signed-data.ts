// Reads a detached CMS SignedData (RFC 5652 §5) with one SignerInfo, keeping the exact bytes the
// signature covers. Isomorphic; throws DerError on anything that is not that shape.
import { OID } from "./cms-oids";
import { children, contextTag, decodeOid, DerError, expectTag, readDer, TAG, type TDerNode } from "./der";

export type TCadesSignedData = {
  certificates: Uint8Array[];
  digestAlgorithm: string;
  /** Whether the content is detached (no eContent), as ETSI.CAdES.detached requires. */
  detached: boolean;
  signer: {
    /** issuerAndSerialNumber: the Name element and the serialNumber INTEGER element. */
    issuer?: Uint8Array;
    serialElement?: Uint8Array;
    digestAlgorithm: string;
    signatureAlgorithm: string;
    signature: Uint8Array;
    /** The signed attributes re-tagged as SET OF (0x31): the bytes the signature covers. */
    signedAttributes: Uint8Array;
    /** Each attribute type with its values. */
    attributes: Map<string, TDerNode[]>;
  };
};

const algorithmOid = (node: TDerNode) => decodeOid(children(expectTag(node, TAG.SEQUENCE, "AlgorithmIdentifier"))[0]);

/** `bytes` may carry trailing zero padding (a PDF /Contents placeholder); anything else after is refused. */
export function readCadesSignedData(bytes: Uint8Array): TCadesSignedData {
  const contentInfo = readDer(bytes, 0);
  if (bytes.subarray(contentInfo.raw.length).some((b) => b !== 0)) throw new DerError("bytes after the CMS");
  const [type, wrapped] = children(expectTag(contentInfo, TAG.SEQUENCE, "ContentInfo"));
  if (decodeOid(type) !== OID.signedData) throw new DerError("the CMS is not SignedData");
  const fields = children(
    expectTag(children(expectTag(wrapped, contextTag(0), "content"))[0], TAG.SEQUENCE, "SignedData"),
  );
  const [, digestAlgorithms, encap] = fields;
  const certificates = fields.find((f) => f.tag === contextTag(0));
  const signerInfos = expectTag(fields[fields.length - 1], TAG.SET, "signerInfos");
  const infos = children(signerInfos);
  if (infos.length !== 1) throw new DerError(`expected one SignerInfo, found ${infos.length}`);
  const info = children(expectTag(infos[0], TAG.SEQUENCE, "SignerInfo"));
  const [, sid, digestAlgorithm, signedAttrs, signatureAlgorithm, signature] = info;
  expectTag(signedAttrs, contextTag(0), "signedAttrs");
  const sidParts = sid.tag === TAG.SEQUENCE ? children(sid) : [];
  const signedAttributes = signedAttrs.raw.slice();
  signedAttributes[0] = TAG.SET;
  const attributes = new Map<string, TDerNode[]>();
  for (const attribute of children(signedAttrs)) {
    const [attrType, values] = children(expectTag(attribute, TAG.SEQUENCE, "Attribute"));
    const oid = decodeOid(attrType);
    if (attributes.has(oid)) throw new DerError(`attribute ${oid} appears twice`);
    attributes.set(oid, children(expectTag(values, TAG.SET, "attrValues")));
  }
  return {
    certificates: certificates
      ? children(certificates)
          .filter((c) => c.tag === TAG.SEQUENCE)
          .map((c) => c.raw)
      : [],
    digestAlgorithm: children(expectTag(digestAlgorithms, TAG.SET, "digestAlgorithms")).map(algorithmOid)[0] ?? "",
    detached: children(expectTag(encap, TAG.SEQUENCE, "encapContentInfo")).length === 1,
    signer: {
      issuer: sidParts[0]?.raw,
      serialElement: sidParts[1]?.raw,
      digestAlgorithm: algorithmOid(digestAlgorithm),
      signatureAlgorithm: algorithmOid(signatureAlgorithm),
      signature: expectTag(signature, TAG.OCTET_STRING, "signature").body,
      signedAttributes,
      attributes,
    },
  };
}
