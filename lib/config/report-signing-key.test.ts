import { ed25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { ed25519PublicKeyFromSpkiPem } from "@/lib/reports/verify/spki";
import { getReportSigningKey, reportSigningKeyFrom } from "./report-signing-key";

describe("the report-signing key", () => {
  it("derives the Ed25519 public key of its seed and exports it as SPKI PEM", () => {
    const seed = new Uint8Array(32).fill(9);
    const key = reportSigningKeyFrom(Buffer.from(seed).toString("base64"));
    expect(key.publicKey).toEqual(ed25519.getPublicKey(seed));
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(ed25519PublicKeyFromSpkiPem(key.publicKeyPem)).toEqual(key.publicKey);
    expect(key.keyId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("comes from HL_REPORT_SIGNING_KEY and refuses a seed of the wrong size", () => {
    expect(getReportSigningKey().publicKey).toEqual(ed25519.getPublicKey(new Uint8Array(32).fill(5)));
    expect(() => reportSigningKeyFrom(Buffer.alloc(31).toString("base64"))).toThrow(/32-byte/);
  });
});
