import { describe, expect, it } from "vitest";
import { newDataKey, unwrapDataKey, wrapDataKey } from "@/lib/keys/patient-key";
import { canonicalBytes, decryptResource, encryptResource } from "./record-cipher";

const resource = { resourceType: "Observation", status: "final", valueQuantity: { value: 72, unit: "/min" } };

describe("record encryption", () => {
  it("round-trips a resource and hashes the exact ciphertext", async () => {
    const dek = newDataKey();
    const enc = encryptResource({ dek, recordId: "r1", version: 1, resource });
    expect(enc.iv).toHaveLength(12);
    expect(enc.ciphertext.includes(Buffer.from("Observation"))).toBe(false);
    const { createHash } = await import("node:crypto");
    expect(enc.ciphertextSha256.equals(createHash("sha256").update(enc.ciphertext).digest())).toBe(true);
    expect(decryptResource({ dek, recordId: "r1", version: 1, iv: enc.iv, ciphertext: enc.ciphertext })).toEqual(
      resource,
    );
  });

  it("uses a fresh IV for every encryption", () => {
    const dek = newDataKey();
    const a = encryptResource({ dek, recordId: "r1", version: 1, resource });
    const b = encryptResource({ dek, recordId: "r1", version: 1, resource });
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it.each([
    ["another record", { recordId: "r2", version: 1 }],
    ["another version", { recordId: "r1", version: 2 }],
  ])("refuses a ciphertext moved to %s (associated data)", (_, where) => {
    const dek = newDataKey();
    const enc = encryptResource({ dek, recordId: "r1", version: 1, resource });
    expect(() => decryptResource({ dek, ...where, iv: enc.iv, ciphertext: enc.ciphertext })).toThrow();
  });

  it("refuses a flipped ciphertext bit and a wrong key", () => {
    const dek = newDataKey();
    const enc = encryptResource({ dek, recordId: "r1", version: 1, resource });
    const flipped = Buffer.from(enc.ciphertext);
    flipped[3] ^= 1;
    expect(() => decryptResource({ dek, recordId: "r1", version: 1, iv: enc.iv, ciphertext: flipped })).toThrow();
    expect(() =>
      decryptResource({ dek: newDataKey(), recordId: "r1", version: 1, iv: enc.iv, ciphertext: enc.ciphertext }),
    ).toThrow();
  });

  it("encrypts the RFC 8785 canonical form, independent of key order", () => {
    expect(canonicalBytes({ b: 1, a: [2, { d: 3, c: 4 }] }).toString()).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
  });
});

describe("data key wrapping", () => {
  it("unwraps only for the patient it was wrapped for", () => {
    const dek = newDataKey();
    const { wrappedKey, kekId } = wrapDataKey(dek, "patient-1");
    expect(kekId).toBe("kek-test");
    expect(unwrapDataKey(wrappedKey, "patient-1").equals(dek)).toBe(true);
    expect(() => unwrapDataKey(wrappedKey, "patient-2")).toThrow();
  });
});
