import crypto from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { describe, expect, it } from "vitest";
import { signEd25519Node } from "./ed25519-node";
import { signEd25519 } from "./tlog/note";

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ""), "hex"));

// RFC 8032 §7.1, TEST 1 to 3.
const VECTORS = [
  {
    seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    message: "",
    signature:
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
  },
  {
    seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    message: "72",
    signature:
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
  },
  {
    seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
    message: "af82",
    signature:
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
  },
];

describe("Ed25519 through node:crypto", () => {
  it("gives RFC 8032's signatures", () => {
    for (const v of VECTORS)
      expect(Buffer.from(signEd25519Node(hex(v.message), hex(v.seed))).toString("hex")).toBe(v.signature);
  });

  it("gives the same bytes as @noble, which verifies them, for random keys and messages", () => {
    for (let i = 0; i < 50; i++) {
      const seed = new Uint8Array(crypto.randomBytes(32));
      const message = new Uint8Array(crypto.randomBytes(i * 7));
      const signature = signEd25519Node(message, seed);
      expect(signature).toEqual(ed25519.sign(message, seed));
      expect(ed25519.verify(signature, message, ed25519.getPublicKey(seed), { zip215: false })).toBe(true);
    }
  });

  it("is what note.ts signs with once imported", () => {
    const seed = hex(VECTORS[1].seed);
    expect(Buffer.from(signEd25519(hex("72"), seed)).toString("hex")).toBe(VECTORS[1].signature);
  });

  it("refuses a seed that is not 32 bytes", () => {
    expect(() => signEd25519Node(new Uint8Array(1), new Uint8Array(31))).toThrow(RangeError);
  });
});
