import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { describe, expect, it } from "vitest";
import { base64ToBytes, utf8Decode, utf8ToBytes } from "@/lib/ledger/tlog/encoding";
import { DsseError, IN_TOTO_PAYLOAD_TYPE, decodeDsseBase64, openDsse, preAuthEncoding, signDsse } from "./dsse";
import { ed25519PublicKeyFromSpkiPem, ed25519PublicKeyToSpkiPem } from "./spki";

// The example of github.com/secure-systems-lab/dsse protocol.md ("Test Vectors").
const SPEC = {
  payloadType: "http://example.com/HelloWorld",
  body: "hello world",
  pae: "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
  x: 46950820868899156662930047687818585632848591499744589407958293238635476079160n,
  y: 5640078356564379163099075877009565129882514886557779369047442380624545832820n,
  envelope: {
    payload: "aGVsbG8gd29ybGQ=",
    payloadType: "http://example.com/HelloWorld",
    sig: "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==",
  },
};

describe("DSSE pre-authentication encoding", () => {
  it("matches the spec's test vector", () => {
    expect(utf8Decode(preAuthEncoding(SPEC.payloadType, utf8ToBytes(SPEC.body)))).toBe(SPEC.pae);
  });

  it("counts bytes, not characters, and leaves no room for ambiguity", () => {
    expect(utf8Decode(preAuthEncoding("t", utf8ToBytes("é")))).toBe("DSSEv1 1 t 2 é");
    expect(utf8Decode(preAuthEncoding("", new Uint8Array(0)))).toBe("DSSEv1 0  0 ");
  });

  it("verifies the spec's ECDSA P-256 signature over that PAE (the envelope decodes as the spec says)", () => {
    const pub = p256.Point.fromAffine({ x: SPEC.x, y: SPEC.y }).toBytes(false);
    const body = decodeDsseBase64(SPEC.envelope.payload);
    expect(utf8Decode(body)).toBe(SPEC.body);
    const pae = preAuthEncoding(SPEC.envelope.payloadType, body);
    const sig = base64ToBytes(SPEC.envelope.sig);
    expect(p256.verify(sig, pae, pub)).toBe(true);
    expect(p256.verify(sig, preAuthEncoding(SPEC.envelope.payloadType, utf8ToBytes("hello world!")), pub)).toBe(false);
  });

  it("accepts standard and URL-safe base64, padded or not", () => {
    for (const t of ["+/8=", "-_8=", "-_8"]) expect([...decodeDsseBase64(t)]).toEqual([0xfb, 0xff]);
    expect(() => decodeDsseBase64("a b")).toThrow();
  });
});

describe("Ed25519 envelopes", () => {
  const seed = new Uint8Array(32).fill(7);
  const publicKey = ed25519.getPublicKey(seed);
  const body = utf8ToBytes('{"_type":"https://in-toto.io/Statement/v1"}');
  const envelope = JSON.stringify(signDsse({ payloadType: IN_TOTO_PAYLOAD_TYPE, body, seed, keyid: "k" }));

  it("opens with the signing key and refuses another key, another type or a changed payload", () => {
    expect(utf8Decode(openDsse(envelope, { publicKey, payloadType: IN_TOTO_PAYLOAD_TYPE }).body)).toContain(
      "Statement",
    );
    const other = ed25519.getPublicKey(new Uint8Array(32).fill(8));
    expect(() => openDsse(envelope, { publicKey: other, payloadType: IN_TOTO_PAYLOAD_TYPE })).toThrow(DsseError);
    expect(() => openDsse(envelope, { publicKey, payloadType: "application/json" })).toThrow(/payload type/);
    const e = JSON.parse(envelope);
    e.payload = btoa('{"_type":"https://in-toto.io/Statement/v2"}');
    expect(() => openDsse(JSON.stringify(e), { publicKey, payloadType: IN_TOTO_PAYLOAD_TYPE })).toThrow(/no signature/);
    expect(() => openDsse("[]", { publicKey, payloadType: IN_TOTO_PAYLOAD_TYPE })).toThrow(/not a DSSE envelope/);
  });

  it("round-trips the public key through SPKI PEM", () => {
    expect(ed25519PublicKeyFromSpkiPem(ed25519PublicKeyToSpkiPem(publicKey))).toEqual(publicKey);
    expect(() => ed25519PublicKeyFromSpkiPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).toThrow();
  });

  it("verifies with openssl pkeyutl over the PAE bytes, and fails on a flipped byte", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsse-"));
    const e = JSON.parse(envelope);
    const pae = preAuthEncoding(e.payloadType, base64ToBytes(e.payload));
    fs.writeFileSync(path.join(dir, "pub.pem"), ed25519PublicKeyToSpkiPem(publicKey));
    fs.writeFileSync(path.join(dir, "pae.bin"), pae);
    fs.writeFileSync(path.join(dir, "sig.bin"), base64ToBytes(e.signatures[0].sig));
    const verify = () =>
      execFileSync(
        "openssl",
        ["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "pae.bin", "-sigfile", "sig.bin"],
        {
          cwd: dir,
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
    expect(verify()).toContain("Signature Verified Successfully");
    const flipped = pae.slice();
    flipped[20] ^= 0x01;
    fs.writeFileSync(path.join(dir, "pae.bin"), flipped);
    expect(verify).toThrow();
    fs.rmSync(dir, { recursive: true });
  });
});
