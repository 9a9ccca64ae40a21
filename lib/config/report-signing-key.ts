import "server-only";
import crypto from "node:crypto";
import { serverEnv } from "./env";

/** The Ed25519 key that signs evidence bundles' DSSE statements: seed from configuration only. */
export type TReportSigningKey = {
  readonly seed: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The public half as SubjectPublicKeyInfo PEM (RFC 8410), as openssl and the bundle carry it. */
  readonly publicKeyPem: string;
  /** Lowercase hex SHA-256 of the SPKI DER: `openssl pkey -pubin -outform DER | sha256sum`. */
  readonly keyId: string;
};

// RFC 8410 PKCS#8 prefix for a 32-byte Ed25519 private key, so node:crypto takes the raw seed.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function reportSigningKeyFrom(seedBase64: string): TReportSigningKey {
  const seed = Buffer.from(seedBase64, "base64");
  if (seed.length !== 32) throw new TypeError("the report-signing key is a 32-byte Ed25519 seed, base64-encoded");
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const publicKey = crypto.createPublicKey(privateKey);
  const spki = publicKey.export({ format: "der", type: "spki" });
  return {
    seed: new Uint8Array(seed),
    publicKey: new Uint8Array(spki.subarray(spki.length - 32)),
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    keyId: crypto.createHash("sha256").update(spki).digest("hex"),
  };
}

let cached: { source: string; key: TReportSigningKey } | undefined;

/** From HL_REPORT_SIGNING_KEY (generated into .secrets on a development machine's first start). */
export function getReportSigningKey(): TReportSigningKey {
  const source = serverEnv().HL_REPORT_SIGNING_KEY;
  if (cached?.source !== source) cached = { source, key: reportSigningKeyFrom(source) };
  return cached.key;
}
