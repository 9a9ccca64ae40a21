import { describe, expect, it } from "vitest";
import {
  generateTotp,
  matchTotpStep,
  newTotpSecret,
  totpSecretFromBase32,
  totpSecretToBase32,
  totpUri,
  verifyTotp,
} from "./totp";

// RFC 6238 Appendix B, SHA-1 rows: seed "12345678901234567890" (ASCII), 30 s steps, 8 digits.
// A 6-digit code is the same truncated value mod 10^6, i.e. the last six digits.
const SEED = new TextEncoder().encode("12345678901234567890");
const VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238)", () => {
  it.each(VECTORS)("at T=%i gives the Appendix B code %s (last six digits)", (seconds, code) => {
    const now = new Date(seconds * 1000);
    expect(generateTotp({ secret: SEED, now })).toBe(code.slice(-6));
    expect(verifyTotp({ secret: SEED, code: code.slice(-6), now })).toBe(true);
  });

  it("accepts one step of drift either side and nothing further", () => {
    const now = new Date(1234567890 * 1000);
    const at = (steps: number) => generateTotp({ secret: SEED, now: new Date(now.getTime() + steps * 30_000) });
    expect(verifyTotp({ secret: SEED, code: at(-1), now })).toBe(true);
    expect(verifyTotp({ secret: SEED, code: at(1), now })).toBe(true);
    expect(verifyTotp({ secret: SEED, code: at(-2), now })).toBe(false);
    expect(verifyTotp({ secret: SEED, code: at(2), now })).toBe(false);
  });

  it("names the time step a code belongs to", () => {
    const now = new Date(1234567890 * 1000);
    const step = Math.floor(1234567890 / 30);
    const at = (steps: number) => generateTotp({ secret: SEED, now: new Date(now.getTime() + steps * 30_000) });
    expect(matchTotpStep({ secret: SEED, code: at(0), now })).toBe(step);
    expect(matchTotpStep({ secret: SEED, code: at(-1), now })).toBe(step - 1);
    expect(matchTotpStep({ secret: SEED, code: at(1), now })).toBe(step + 1);
    expect(matchTotpStep({ secret: SEED, code: at(2), now })).toBeNull();
  });

  it("rejects malformed codes before computing anything", () => {
    for (const code of ["", "12345", "1234567", "12a456", " 287082"]) {
      expect(verifyTotp({ secret: SEED, code, now: new Date(59_000) })).toBe(false);
    }
  });

  it("round-trips secrets through base32 and writes an otpauth URI", () => {
    const secret = newTotpSecret();
    expect(secret.length).toBe(20);
    expect(totpSecretFromBase32(totpSecretToBase32(secret))).toEqual(secret);
    expect(totpSecretFromBase32("GEZD GNBV gy3t qojq GEZDGNBVGY3TQOJQ")).toEqual(SEED);
    const uri = totpUri({ secret: SEED, label: "a@b.test" });
    expect(uri).toMatch(/^otpauth:\/\/totp\/HealthLedger:a%40b\.test\?/);
    expect(uri).toContain("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(uri).toContain("period=30");
  });

  it("refuses a secret shorter than 128 bits", () => {
    expect(() => generateTotp({ secret: new Uint8Array(10) })).toThrow(RangeError);
  });
});
