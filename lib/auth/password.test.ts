import { describe, expect, it } from "vitest";
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyPassword } from "./password";

describe("password hashing (scrypt)", () => {
  it("hashes at OWASP's cost, N=2^17 r=8 p=1, and names the parameters in the hash", async () => {
    expect(SCRYPT_PARAMS).toEqual({ N: 131072, r: 8, p: 1 });
    const h = await hashPassword("correct horse battery staple");
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await verifyPassword("correct horse battery staple", h)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it("still verifies a hash made at an older cost, and says it needs rehashing", async () => {
    const old = await hashPassword("old one", { N: 2 ** 15, r: 8, p: 1 });
    expect(old.startsWith("scrypt$32768$8$1$")).toBe(true);
    expect(await verifyPassword("old one", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it("matches RFC 7914 §12's test vector through the same primitive", async () => {
    // scrypt("pleaseletmein", "SodiumChloride", N=16384, r=8, p=1, dkLen=64), first 32 bytes.
    const { scryptSync } = await import("node:crypto");
    const out = scryptSync("pleaseletmein", "SodiumChloride", 64, { N: 16384, r: 8, p: 1 });
    expect(out.toString("hex").slice(0, 64)).toBe("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2");
  });

  it("refuses hashes that are not ours or name parameters out of bounds, without computing them", async () => {
    const good = await hashPassword("x");
    const [, , r, p, salt, hash] = good.split("$");
    for (const bad of [
      "",
      "bcrypt$2b$10$abc",
      `scrypt$${2 ** 30}$${r}$${p}$${salt}$${hash}`,
      `scrypt$100000$${r}$${p}$${salt}$${hash}`,
      `scrypt$131072$64$${p}$${salt}$${hash}`,
      `scrypt$131072$8$1$${salt}$${hash}$extra`,
    ]) {
      expect(await verifyPassword("x", bad)).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });
});
