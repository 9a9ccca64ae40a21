// Ed25519 public keys as SubjectPublicKeyInfo (RFC 8410 §4) in PEM (RFC 7468), so openssl reads
// the report-signing key as it is. Pure: the browser verifier parses the bundle's copy.
import { base64ToBytes, bytesEqual, bytesToBase64, concatBytes } from "@/lib/ledger/tlog/encoding";

/** DER of SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits) … } before the 32 key bytes. */
const ED25519_SPKI_PREFIX = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

export function ed25519PublicKeyToSpkiPem(publicKey: Uint8Array): string {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32)
    throw new TypeError("an Ed25519 public key is 32 bytes");
  const b64 = bytesToBase64(concatBytes(ED25519_SPKI_PREFIX, publicKey));
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/** Every PEM block of `label` in `text`, as DER (RFC 7468 §2: lax about line breaks, strict base64). */
export function pemBlocks(text: string, label: string): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`, "g");
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(re)) out.push(base64ToBytes(m[1].replace(/\s+/g, "")));
  return out;
}

/** The 32-byte key of an Ed25519 SPKI PEM; throws on anything else (another algorithm, extra bytes). */
export function ed25519PublicKeyFromSpkiPem(pem: string): Uint8Array {
  const blocks = pemBlocks(pem, "PUBLIC KEY");
  if (blocks.length !== 1) throw new TypeError("expected one PUBLIC KEY block");
  const der = blocks[0];
  if (der.length !== 44 || !bytesEqual(der.subarray(0, 12), ED25519_SPKI_PREFIX))
    throw new TypeError("not an Ed25519 public key (RFC 8410 SubjectPublicKeyInfo)");
  return der.slice(12);
}
