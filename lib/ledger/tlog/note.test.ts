import { describe, expect, test } from "vitest";
import {
  NoteError,
  SIG_TYPE_COSIGNATURE_V1,
  computeKeyId,
  formatSignerKey,
  generateSignerKey,
  isValidKeyName,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifierKeyFromSigner,
  verifyNote,
} from "./note";

// The example keys and notes from golang.org/x/mod/sumdb/note (note.go docs and note_test.go).
const PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
const ENOCH_SIG =
  "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return err instanceof NoteError ? err.code : `not a NoteError: ${String(err)}`;
  }
  return "no error";
};

describe("keys", () => {
  test("parses the reference verifier and signer keys, and their IDs agree", () => {
    const verifier = parseVerifierKey(PETER_VKEY);
    const signer = parseSignerKey(PETER_SKEY);
    expect(verifier).toMatchObject({ name: "PeterNeumann", keyId: 0xc74f20a3, type: 1 });
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.publicKey).toEqual(verifier.publicKey);
    expect(verifierKeyFromSigner(signer)).toBe(PETER_VKEY);
    expect(formatSignerKey(signer)).toBe(PETER_SKEY);
  });

  test("rejects every truncation and every single-byte change of the reference keys", () => {
    for (const key of [PETER_VKEY, PETER_SKEY]) {
      const parse = key === PETER_VKEY ? parseVerifierKey : parseSignerKey;
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i !== 0 || j !== key.length) expect(() => parse(key.slice(i, j))).toThrow(NoteError);
        }
      }
      for (let i = 0; i < key.length; i++) {
        const mangled = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(() => parse(mangled)).toThrow(NoteError);
      }
    }
  });

  test("rejects a wrong-length key and an unknown algorithm even with a matching key ID", () => {
    expect(
      code(() => parseVerifierKey("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==")),
    ).toBe("malformed-key");
    expect(code(() => parseVerifierKey("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))).toBe(
      "unknown-algorithm",
    );
    expect(code(() => parseVerifierKey("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))).toBe(
      "key-id-mismatch",
    );
  });

  test("key names: non-empty, no Unicode spaces, no plus", () => {
    expect(isValidKeyName("example.com/log")).toBe(true);
    expect(isValidKeyName("héalth.example/λ")).toBe(true);
    for (const bad of ["", "a b", "a+b", "a\tb", "a\u00a0b", "a\u2003b", "a\u0085b", "a\ud800"]) {
      expect(isValidKeyName(bad)).toBe(false);
    }
  });

  test("generated keys sign notes their verifier keys accept", () => {
    const { signerKey, verifierKey } = generateSignerKey("healthledger.example/log");
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+healthledger\.example\/log\+[0-9a-f]{8}\+/);
    const note = signNote("hello\n", parseSignerKey(signerKey));
    expect(verifyNote(note, [parseVerifierKey(verifierKey)]).text).toBe("hello\n");
    expect(generateSignerKey("x").signerKey).not.toBe(generateSignerKey("x").signerKey);
    expect(() => generateSignerKey("bad name")).toThrow(TypeError);
  });

  test("the same key published as a cosigner (type 0x04) gets a different key ID", () => {
    const signer = parseSignerKey(PETER_SKEY);
    const cosigner = parseVerifierKey(verifierKeyFromSigner(signer, SIG_TYPE_COSIGNATURE_V1));
    expect(cosigner.type).toBe(SIG_TYPE_COSIGNATURE_V1);
    expect(cosigner.keyId).toBe(computeKeyId("PeterNeumann", new Uint8Array([0x04, ...signer.publicKey])));
    expect(cosigner.keyId).not.toBe(signer.keyId);
  });
});

describe("signing", () => {
  test("reproduces the reference signature byte for byte (Ed25519 is deterministic)", () => {
    expect(signNote(TEXT, parseSignerKey(PETER_SKEY))).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  test("refuses text that is not newline-terminated or contains control characters", () => {
    const signer = parseSignerKey(PETER_SKEY);
    expect(code(() => signNote("abc", signer))).toBe("malformed-note");
    expect(code(() => signNote("a\tb\n", signer))).toBe("malformed-note");
    expect(code(() => signNote("a\rb\n", signer))).toBe("malformed-note");
  });
});

describe("opening notes", () => {
  const peter = () => parseVerifierKey(PETER_VKEY);
  const enoch = () => parseVerifierKey(ENOCH_VKEY);

  test("verifies the reference note and ignores signatures from unknown keys", () => {
    const opened = verifyNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter()]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verifiedBy.map((v) => v.name)).toEqual(["PeterNeumann"]);
    expect(opened.signatures.map((s) => [s.name, s.keyId])).toEqual([
      ["PeterNeumann", 0xc74f20a3],
      ["EnochRoot", 0xaf0cfe78],
    ]);
    expect(verifyNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, [peter(), enoch()]).verifiedBy).toHaveLength(2);
  });

  test("a note with no known signer is rejected", () => {
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`, []))).toBe("unverified");
    expect(code(() => verifyNote(`${TEXT}\n${ENOCH_SIG}`, [peter()]))).toBe("unverified");
  });

  test("a known key's bad signature rejects the whole note", () => {
    const bad = PETER_SIG.slice(0, 60) + "ABCD" + PETER_SIG.slice(60);
    expect(code(() => verifyNote(`${TEXT}\n${bad}`, [peter()]))).toBe("invalid-signature");
    expect(code(() => verifyNote(`${TEXT.replace("cryptography", "cryptographY")}\n${PETER_SIG}`, [peter()]))).toBe(
      "invalid-signature",
    );
  });

  test("two verifiers with the same name and key ID are ambiguous", () => {
    expect(code(() => verifyNote(`${TEXT}\n${ENOCH_SIG}`, [enoch(), peter(), enoch()]))).toBe("ambiguous-verifier");
  });

  test("repeated signatures are tolerated; more than 100 are not", () => {
    const bad = ENOCH_SIG.slice(0, 60) + "ABCD" + ENOCH_SIG.slice(60);
    expect(
      verifyNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${bad}`, [peter()]).verifiedBy,
    ).toHaveLength(1);
    expect(code(() => verifyNote(`${TEXT}\n${PETER_SIG.repeat(101)}`, [peter()]))).toBe("malformed-note");
  });

  test("keeps blank lines inside the text: the last blank line separates the signatures", () => {
    const text = "first\n\nthird\n";
    const note = signNote(text, parseSignerKey(PETER_SKEY));
    expect(parseNote(note).text).toBe(text);
    expect(verifyNote(note, [peter()]).text).toBe(text);
  });

  test.each([
    ["no signature block", TEXT],
    ["empty signature block", `${TEXT}\n`],
    ["unterminated signature line", `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ["control character", `\u0001${TEXT}\n${PETER_SIG}`],
    ["lone surrogate (invalid UTF-8)", `\ud800${TEXT}\n${PETER_SIG}`],
    [
      "name with a space",
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    ],
    ["unexpected line after signatures", `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ["hyphen instead of em dash", `${TEXT}\n- ${PETER_SIG.slice(2)}`],
    ["signature shorter than a key ID plus one byte", `${TEXT}\n\u2014 PeterNeumann AAAAAA==\n`],
    ["non-canonical base64", `${TEXT}\n${PETER_SIG.replace("AM=", "AN=")}`],
  ])("rejects a malformed note: %s", (_, note) => {
    expect(code(() => verifyNote(note, [parseVerifierKey(PETER_VKEY)]))).toBe("malformed-note");
  });
});
