import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { preparePdfSignature, signPdf } from "./sign-pdf";
import { makeTestEvidence, type TTestEvidence } from "./testing/test-evidence";
import { verifyPdfSignature, type TPdfSignatureCheckCode } from "./verify-pdf-signature";

/** Hex digits keep a write inside /Contents a readable hex string, so the CMS parser sees it. */
const HEX_DIGIT = fc.constantFrom(..."0123456789abcdef".split("").map((c) => c.charCodeAt(0)));

// The certificates are issued when the tests start (valid from a minute before), so the signing
// time is taken then too: a fixed date turns into a failure once the clock passes it.
const SIGNED_AT = new Date(Math.floor(Date.now() / 1000) * 1000);

let evidence: TTestEvidence;
let other: TTestEvidence;
let signed: Uint8Array;

async function smallDocument() {
  const document = await PDFDocument.create({ updateMetadata: false });
  document.addPage().drawText("Access report", { x: 50, y: 700 });
  return document;
}

const failed = (pdf: Uint8Array, cas = [evidence.ca.der]) =>
  verifyPdfSignature(pdf, cas)
    .failures.map((f) => f.code)
    .sort();

beforeAll(async () => {
  [evidence, other] = await Promise.all([makeTestEvidence(), makeTestEvidence("someone-else.test/log")]);
  signed = await signPdf({
    document: await smallDocument(),
    signer: evidence.pdfSigner,
    signingTime: SIGNED_AT,
    placeholderBytes: 8192,
  });
});

describe("verifyPdfSignature", () => {
  it("accepts our PAdES B-B signature and says who signed and when", () => {
    const result = verifyPdfSignature(signed, [evidence.ca.der]);
    expect(result.failures).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.checks.map((c) => c.code)).toHaveLength(9);
    expect(result.subFilter).toBe("ETSI.CAdES.detached");
    expect(result.signingTime).toBe(SIGNED_AT.toISOString());
    expect(result.signer?.sha256).toBe(evidence.signerSha256);
    expect(result.trustedCa?.sha256).toBe(evidence.caSha256);
    expect(result.byteRange?.[0]).toBe(0);
  });

  it("finds a digest mismatch for a flipped bit anywhere in the signed bytes", () => {
    const [, start, end] = verifyPdfSignature(signed, [evidence.ca.der]).byteRange!;
    const signedOffsets = fc.oneof(
      fc.integer({ min: 0, max: start - 1 }),
      fc.integer({ min: end, max: signed.length - 1 }),
    );
    fc.assert(
      fc.property(signedOffsets, fc.integer({ min: 0, max: 7 }), (offset, bit) => {
        const copy = signed.slice();
        copy[offset] ^= 1 << bit;
        const result = verifyPdfSignature(copy, [evidence.ca.der]);
        expect(result.valid).toBe(false);
        // A flip inside the ByteRange or SubFilter text breaks those first; anywhere else it is the digest.
        expect(result.failures.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
    const copy = signed.slice();
    copy[200] ^= 0x01;
    expect(failed(copy)).toEqual(["message-digest"]);
  });

  it("never throws, whatever bytes it is given: it answers with the failed checks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: signed.length - 1 }), fc.oneof(fc.integer({ min: 0, max: 255 }), HEX_DIGIT)), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat({ max: signed.length }),
        (writes, cut) => {
          const copy = signed.slice(0, Math.max(cut, signed.length - 64));
          for (const [at, value] of writes) if (at < copy.length) copy[at] = value;
          const result = verifyPdfSignature(copy, [evidence.ca.der]);
          expect(result.checks).toHaveLength(9);
          if (!result.valid) expect(result.failures.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
    expect(verifyPdfSignature(new Uint8Array(0), []).valid).toBe(false);
    expect(verifyPdfSignature(new TextEncoder().encode("/ByteRange [0 1 2 3] <00>"), [Uint8Array.of(1)]).valid).toBe(
      false,
    );
  });

  it("refuses a certificate that does not chain to the trusted CA, and no CA at all", () => {
    expect(failed(signed, [other.ca.der])).toEqual(["certificate-chain"]);
    expect(failed(signed, [])).toEqual(["certificate-chain"]);
  });

  it("refuses a signer whose certificate's key usage does not allow signing documents", async () => {
    const webcrypto = crypto.webcrypto as unknown as Crypto;
    const caKey = await webcrypto.subtle.importKey(
      "pkcs8",
      x509.PemConverter.decodeFirst(evidence.caKeyPem),
      { name: "ECDSA", namedCurve: "P-256" },
      false,
      ["sign"],
    );
    const keys = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.create(
      {
        subject: "CN=Not a signer",
        issuer: new x509.X509Certificate(Buffer.from(evidence.ca.der)).subject,
        notBefore: new Date(SIGNED_AT.getTime() - 86_400_000),
        notAfter: new Date(SIGNED_AT.getTime() + 365 * 86_400_000),
        publicKey: keys.publicKey,
        signingKey: caKey,
        signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
        extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyEncipherment, true)],
      },
      webcrypto,
    );
    const key = crypto.KeyObject.from(keys.privateKey);
    const pdf = await signPdf({
      document: await smallDocument(),
      signer: {
        certificates: [new Uint8Array(cert.rawData)],
        sign: (data) => new Uint8Array(crypto.sign("sha256", data, { key, dsaEncoding: "der" })),
      },
      signingTime: SIGNED_AT,
      placeholderBytes: 8192,
    });
    const result = verifyPdfSignature(pdf, [evidence.ca.der]);
    expect(result.failures.map((f) => f.code)).toEqual(["certificate-chain"]);
    expect(result.failures[0].message).toMatch(/keyUsage/);
  });

  it("names a signature whose value was changed inside the CMS", () => {
    const result = verifyPdfSignature(signed, [evidence.ca.der]);
    const [, start] = result.byteRange!;
    const text = new TextDecoder("latin1").decode(signed);
    // The CMS is one DER SEQUENCE with a two-byte length (30 82 LL LL) at the start of the hex
    // string; it ends there, not at the first "0000" (which the signature itself may contain).
    const hexStart = text.indexOf("<", start) + 1;
    expect(text.slice(hexStart, hexStart + 4).toLowerCase()).toBe("3082");
    const hexEnd = hexStart + 2 * (4 + parseInt(text.slice(hexStart + 4, hexStart + 8), 16));
    const copy = signed.slice();
    // The last hex digits before the padding belong to the ECDSA signature value.
    copy[hexEnd - 3] = copy[hexEnd - 3] === 0x31 ? 0x32 : 0x31;
    expect(failed(copy)).toEqual(["signature-value"]);
  });

  it("refuses data appended after the signed file (an incremental update)", () => {
    const appended = new Uint8Array([...signed, ...new TextEncoder().encode("\n1 0 obj\n<< >>\nendobj\n")]);
    expect(failed(appended)).toEqual(["byte-range"]);
  });

  it("says so when the file has no signature", async () => {
    const unsigned = await (await smallDocument()).save();
    const result = verifyPdfSignature(unsigned, [evidence.ca.der]);
    expect(result.failures[0]).toMatchObject({ code: "signature-present" });
    expect(result.checks.every((c) => !c.ok)).toBe(true);
  });

  it("checks a CMS made by OpenSSL: -cades passes every check but signing-time, which PAdES forbids", async () => {
    const prepared = await preparePdfSignature({
      document: await smallDocument(),
      signingTime: SIGNED_AT,
      placeholderBytes: 8192,
    });
    const content = path.join(evidence.dir, "signed-bytes.bin");
    fs.writeFileSync(content, prepared.signedBytes());
    const cms = execFileSync("openssl", [
      ...["cms", "-sign", "-binary", "-cades", "-md", "sha256", "-outform", "DER", "-nosmimecap"],
      ...["-signer", evidence.files.signerCert, "-inkey", evidence.files.signerKey, "-in", content],
    ]);
    const codes: TPdfSignatureCheckCode[] = ["no-signing-time"];
    expect(failed(prepared.embed(new Uint8Array(cms)))).toEqual(codes);
  });
});
