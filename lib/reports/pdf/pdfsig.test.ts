import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderSignedReportPdf } from "./render-signed-report-pdf";
import { nssDatabaseTrusting, pdfsig, requireTool } from "./testing/outside-tools";
import { sampleReport } from "./testing/sample-report";
import { makeTestEvidence, type TTestEvidence } from "./testing/test-evidence";
import { verifyPdfSignature } from "./verify-pdf-signature";

// The signed report checked by tools that share no code with ours: Poppler's pdfsig over NSS with
// the evidence CA as the only trust anchor, and OpenSSL for the certificate chain.

let evidence: TTestEvidence;
let nssdir: string;
let pdf: Uint8Array;
let file: string;

beforeAll(async () => {
  requireTool("pdfsig");
  evidence = await makeTestEvidence();
  nssdir = nssDatabaseTrusting(path.join(evidence.dir, "nss"), evidence.caPem);
  pdf = await renderSignedReportPdf({ report: sampleReport(60), signer: evidence.pdfSigner });
  file = path.join(evidence.dir, "report.pdf");
  fs.writeFileSync(file, pdf);
});

describe("a signed report, checked by pdfsig and openssl", () => {
  it("is a valid, trusted PAdES signature over the whole document", () => {
    const out = pdfsig(nssdir, file);
    expect(out).toContain("Signature Type: ETSI.CAdES.detached");
    expect(out).toContain("Total document signed");
    expect(out).toContain("Signature Validation: Signature is Valid.");
    expect(out).toContain("Certificate Validation: Certificate is Trusted.");
    expect(out).toContain("Signing Hash Algorithm: SHA-256");
    expect(out.match(/Signature #\d/g)).toEqual(["Signature #1"]);
  });

  it("is not trusted by an NSS database that does not hold our CA", async () => {
    const stranger = await makeTestEvidence("someone-else.test/log");
    const out = pdfsig(nssDatabaseTrusting(path.join(stranger.dir, "nss"), stranger.caPem), file);
    expect(out).toContain("Signature is Valid.");
    expect(out).not.toContain("Certificate is Trusted.");
  });

  it("shows a digest mismatch in pdfsig and in verifyPdfSignature for one flipped byte", () => {
    const copy = pdf.slice();
    copy[Math.floor(verifyPdfSignature(pdf, [evidence.ca.der]).byteRange![1] / 2)] ^= 0x20;
    const tampered = path.join(evidence.dir, "tampered.pdf");
    fs.writeFileSync(tampered, copy);
    const out = pdfsig(nssdir, tampered);
    expect(out).toContain("Digest Mismatch.");
    expect(out).not.toContain("Signature is Valid.");
    const ours = verifyPdfSignature(copy, [evidence.ca.der]);
    expect(ours.valid).toBe(false);
    expect(ours.failures.map((f) => f.code)).toContain("message-digest");
  });

  it("has a signer certificate that openssl verifies against the CA", () => {
    requireTool("openssl");
    const out = execFileSync("openssl", ["verify", "-CAfile", evidence.files.caCert, evidence.files.signerCert], {
      encoding: "utf8",
    });
    expect(out.trim()).toBe(`${evidence.files.signerCert}: OK`);
    const text = execFileSync("openssl", ["x509", "-in", evidence.files.caCert, "-noout", "-text"], {
      encoding: "utf8",
    });
    expect(text).toContain("CA:TRUE");
    expect(text).toContain("ASN1 OID: prime256v1");
  });
});
