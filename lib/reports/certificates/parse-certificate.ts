// Reads the fields of an X.509 v3 certificate (RFC 5280 §4.1) that the PDF signature check needs,
// keeping the exact bytes of the TBSCertificate, names and serial number. Isomorphic.
import {
  children,
  contextTag,
  decodeOid,
  decodeTime,
  DerError,
  expectTag,
  parseDer,
  TAG,
  type TDerNode,
} from "../pdf/der";
import { OID } from "../pdf/cms-oids";

export type TParsedCertificate = {
  der: Uint8Array;
  /** The signed part, as it was signed. */
  tbs: Uint8Array;
  /** The serialNumber INTEGER element, and its contents as hex. */
  serialElement: Uint8Array;
  serialHex: string;
  issuer: Uint8Array;
  subject: Uint8Array;
  issuerText: string;
  subjectText: string;
  notBefore: Date;
  notAfter: Date;
  publicKeyAlgorithm: string;
  /** Named curve of an EC key, else undefined. */
  curve?: string;
  /** The subjectPublicKey bits (an uncompressed EC point for EC keys). */
  publicKey: Uint8Array;
  signatureAlgorithm: string;
  /** The signature value (a DER ECDSA-Sig-Value for ECDSA). */
  signature: Uint8Array;
  isCa: boolean;
  /** keyUsage bits as named in RFC 5280 §4.2.1.3; undefined when the extension is absent. */
  keyUsage?: { digitalSignature: boolean; nonRepudiation: boolean; keyCertSign: boolean };
};

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const ATTRIBUTE_NAMES: Record<string, string> = {
  [OID.commonName]: "CN",
  [OID.organization]: "O",
  "2.5.4.6": "C",
  "2.5.4.11": "OU",
};

/** A distinguished name as "CN=…, O=…" for people to read (matching uses the bytes). */
function nameText(name: TDerNode): string {
  const parts: string[] = [];
  for (const rdn of children(name))
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      const oid = decodeOid(type);
      parts.push(`${ATTRIBUTE_NAMES[oid] ?? oid}=${new TextDecoder().decode(value.body)}`);
    }
  return parts.join(", ");
}

function bitString(node: TDerNode): Uint8Array {
  expectTag(node, TAG.BIT_STRING, "BIT STRING");
  if (node.body.length < 1 || node.body[0] !== 0) throw new DerError("BIT STRING with unused bits");
  return node.body.subarray(1);
}

function readExtensions(tbsFields: TDerNode[]) {
  const out = new Map<string, TDerNode>();
  const wrapper = tbsFields.find((f) => f.tag === contextTag(3));
  if (!wrapper) return out;
  for (const ext of children(children(wrapper)[0])) {
    const parts = children(ext);
    out.set(decodeOid(parts[0]), parts[parts.length - 1]);
  }
  return out;
}

export function parseCertificate(der: Uint8Array): TParsedCertificate {
  const [tbs, sigAlg, sigValue] = children(expectTag(parseDer(der), TAG.SEQUENCE, "Certificate"));
  const f = children(expectTag(tbs, TAG.SEQUENCE, "TBSCertificate"));
  const at = f[0]?.tag === contextTag(0) ? 1 : 0; // [0] version, absent for v1
  const [serial, , issuer, validity, subject, spki] = f.slice(at);
  const [notBefore, notAfter] = children(expectTag(validity, TAG.SEQUENCE, "Validity"));
  const [keyAlg, keyBits] = children(expectTag(spki, TAG.SEQUENCE, "SubjectPublicKeyInfo"));
  const keyAlgParts = children(keyAlg);
  const extensions = readExtensions(f);
  const basic = extensions.get(OID.basicConstraints);
  const basicFields = basic ? children(parseDer(basic.body)) : [];
  const usage = extensions.get(OID.keyUsage);
  const usageBits = usage ? parseDer(usage.body).body : undefined;
  return {
    der,
    tbs: tbs.raw,
    serialElement: expectTag(serial, TAG.INTEGER, "serialNumber").raw,
    serialHex: hex(serial.body),
    issuer: issuer.raw,
    subject: subject.raw,
    issuerText: nameText(issuer),
    subjectText: nameText(subject),
    notBefore: decodeTime(notBefore),
    notAfter: decodeTime(notAfter),
    publicKeyAlgorithm: decodeOid(keyAlgParts[0]),
    curve: keyAlgParts[1]?.tag === TAG.OID ? decodeOid(keyAlgParts[1]) : undefined,
    publicKey: bitString(keyBits),
    signatureAlgorithm: decodeOid(children(sigAlg)[0]),
    signature: bitString(sigValue),
    isCa: basicFields[0]?.tag === 0x01 && basicFields[0].body[0] !== 0,
    keyUsage: usageBits && {
      digitalSignature: ((usageBits[1] ?? 0) & 0x80) !== 0,
      nonRepudiation: ((usageBits[1] ?? 0) & 0x40) !== 0,
      keyCertSign: ((usageBits[1] ?? 0) & 0x04) !== 0,
    },
  };
}
