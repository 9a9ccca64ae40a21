import { sha256 } from "@noble/hashes/sha2.js";
import fc from "fast-check";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";
import { verifierKeyFromSigner } from "@/lib/ledger/tlog/note";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderSignedReportPdf } from "@/lib/reports/pdf/render-signed-report-pdf";
import { makeTestEvidence } from "@/lib/reports/pdf/testing/test-evidence";
import { sampleReport } from "@/lib/reports/pdf/testing/sample-report";
import { buildFixtureBundle, type TBundleFixture } from "./testing/bundle-fixture";
import { pemBlocks } from "./spki";
import { BUNDLE_FILES } from "./layout";
import { VERIFY_STEPS, verifyEvidenceBundle, type TVerifyProgress } from "./verify-bundle";

const rezip = (files: Record<string, Uint8Array>) => zipSync(files);
const flip = (bytes: Uint8Array, at: number) => {
  const out = bytes.slice();
  out[at] ^= 0x01;
  return out;
};
const failedFiles = (r: Awaited<ReturnType<typeof verifyEvidenceBundle>>) => r.failed.map((c) => c.file);
const passPdf = async () => ({ valid: true });

describe("verifyEvidenceBundle", () => {
  let fixture: TBundleFixture;
  // An Art. 15 package: every file a bundle may hold, data.fhir.json included.
  const good = async () => (fixture ??= await buildFixtureBundle({ withPdf: true, withFhirCopy: true }));

  it("accepts a whole bundle, and says what it checked", async () => {
    const f = await good();
    const r = await verifyEvidenceBundle(f.zip, { verifyPdfSignature: passPdf });
    expect(r.failed).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.checkpoint).toEqual({ origin: "healthledger.test/log", treeSize: 40 });
    expect(r.cosignedBy).toEqual(["W1", "W2"]);
    expect(r.citedLeaves).toBe(5);
    expect(r.predicate?.reportLeafIndex).toBe(39);
    expect(r.checks.filter((c) => c.part === "subjects" && c.status === "passed")).toHaveLength(11);
    expect(r.checks).toContainEqual(
      expect.objectContaining({ part: "report-leaf", status: "passed", file: "data.fhir.json" }),
    );
  });

  it("holds a report-format file to its report type: required for it, refused for any other, and the one report.json names", async () => {
    const f = await good();
    const without = Object.fromEntries(Object.entries(f.files).filter(([n]) => n !== BUNDLE_FILES.fhirData));
    const missing = await verifyEvidenceBundle(rezip(without), { verifyPdfSignature: passPdf });
    expect(missing.failed).toContainEqual(
      expect.objectContaining({ part: "bundle", code: "missing-file", file: "data.fhir.json" }),
    );
    // Signed as it is, but for a report type that carries no FHIR copy.
    const elsewhere = await buildFixtureBundle({ withFhirCopy: true, reportType: "hipaa_access_report" });
    expect((await verifyEvidenceBundle(elsewhere.zip)).failed).toEqual([
      expect.objectContaining({ part: "bundle", code: "unexpected-file", file: "data.fhir.json" }),
    ]);
    // Signed by the statement (a holder of the report-signing key re-signed it), but not the copy
    // report.json names, which the report's ledger leaf anchors.
    const resigned = await buildFixtureBundle({
      withFhirCopy: true,
      reportJson: `{"files":{"data.fhir.json":{"sha256":"${"0".repeat(64)}"}},"reportType":"gdpr_art15_access"}`,
    });
    expect((await verifyEvidenceBundle(resigned.zip)).failed).toEqual([
      expect.objectContaining({ part: "report-leaf", code: "leaf-mismatch", file: "data.fhir.json" }),
    ]);
    expect((await verifyEvidenceBundle((await buildFixtureBundle()).zip)).ok).toBe(true);
  });

  it("reports a bundle without a PDF as such, not as a checked PDF", async () => {
    const r = await verifyEvidenceBundle((await buildFixtureBundle()).zip);
    expect(r.ok).toBe(true);
    expect(r.checks.find((c) => c.part === "pdf")).toMatchObject({ status: "skipped", file: null });
  });

  it("checks a real signed PDF with the PAdES verifier by default, against the bundle's CA or the one given", async () => {
    const evidence = await makeTestEvidence();
    const bytes = await renderSignedReportPdf({
      report: { ...sampleReport(8), issuedAt: new Date() },
      signer: evidence.pdfSigner,
    });
    const f = await buildFixtureBundle({
      pdf: { bytes, evidenceCaPem: evidence.caPem, signerPem: evidence.signerPem },
    });
    const r = await verifyEvidenceBundle(f.zip);
    expect(r.failed).toEqual([]);
    expect(r.checks.find((c) => c.part === "pdf")).toMatchObject({ status: "passed", file: "report.pdf" });
    expect(r.fingerprints).toEqual({
      reportSigningKeyId: bytesToHex(sha256(pemBlocks(f.reportKeyPem, "PUBLIC KEY")[0])),
      logVerifierKey: verifierKeyFromSigner(f.logSigner),
      evidenceCaSha256: evidence.caSha256,
      pdfSignerSha256: evidence.signerSha256,
    });
    const stranger = await makeTestEvidence();
    const untrusted = await verifyEvidenceBundle(f.zip, { trustedCasDer: pemBlocks(stranger.caPem, "CERTIFICATE") });
    expect(untrusted.failed).toEqual([
      expect.objectContaining({ part: "pdf", code: "pdf-invalid", file: "report.pdf" }),
    ]);
    const flipped = f.files["report.pdf"].slice();
    flipped[200] ^= 0x01;
    const changed = await verifyEvidenceBundle(rezip({ ...f.files, "report.pdf": flipped }));
    expect(changed.failed.map((c) => [c.part, c.file])).toEqual([
      ["subjects", "report.pdf"],
      ["pdf", "report.pdf"],
    ]);
  });

  it("detects a flipped byte in each file of the bundle and names the file", async () => {
    const f = await good();
    const names = Object.keys(f.files);
    expect(names.sort()).toEqual(Object.values(BUNDLE_FILES).sort());
    for (const name of names) {
      const bytes = f.files[name];
      for (const at of [0, Math.floor(bytes.length / 2), bytes.length - 2]) {
        const r = await verifyEvidenceBundle(rezip({ ...f.files, [name]: flip(bytes, at) }), {
          verifyPdfSignature: passPdf,
        });
        expect(r.ok, `${name} byte ${at}`).toBe(false);
        expect(failedFiles(r), `${name} byte ${at}`).toContain(name);
      }
    }
  });

  it("detects and names any changed byte of any file (property)", async () => {
    const f = await good();
    const names = Object.keys(f.files);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 255 }), async (name, at, xor) => {
        const bytes = f.files[name].slice();
        bytes[at % bytes.length] ^= xor;
        const r = await verifyEvidenceBundle(rezip({ ...f.files, [name]: bytes }), { verifyPdfSignature: passPdf });
        expect(r.ok).toBe(false);
        expect(failedFiles(r)).toContain(name);
      }),
      { numRuns: 150 },
    );
  });

  it("names the PDF when its signature does not verify against the bundle's evidence CA or the one given", async () => {
    const seen: Uint8Array[][] = [];
    const verifyPdfSignature = (_pdf: Uint8Array, cas: Uint8Array[]) => {
      seen.push(cas);
      return { valid: false, failures: [{ message: "digest mismatch" }] };
    };
    const r = await verifyEvidenceBundle((await good()).zip, { verifyPdfSignature });
    expect(r.failed).toEqual([expect.objectContaining({ part: "pdf", code: "pdf-invalid", file: "report.pdf" })]);
    expect(r.failed[0].message).toContain("digest mismatch");
    await verifyEvidenceBundle((await good()).zip, { verifyPdfSignature, trustedCasDer: [new Uint8Array([9])] });
    expect(seen).toEqual([[new Uint8Array([0, 0, 0])], [new Uint8Array([9])]]);
  });

  it("says so when the checkpoint lacks the policy's quorum", async () => {
    const f = await buildFixtureBundle({ cosigners: 1 });
    const r = await verifyEvidenceBundle(f.zip);
    expect(r.ok).toBe(false);
    expect(r.failed).toEqual([
      expect.objectContaining({ part: "cosignatures", code: "quorum-not-met", file: "report.tlog-proof" }),
    ]);
    expect(r.failed[0].message).toContain("cosigned by 1 of 3 witnesses (W1)");
  });

  it("fails a file swapped in from another bundle, naming it", async () => {
    const f = await good();
    const other = await buildFixtureBundle({
      withPdf: true,
      reportJson: '{"reportType":"hipaa_access_report","rows":3}',
    });
    for (const name of [BUNDLE_FILES.json, BUNDLE_FILES.tlogProof, BUNDLE_FILES.citations, BUNDLE_FILES.envelope]) {
      const r = await verifyEvidenceBundle(rezip({ ...f.files, [name]: other.files[name] }));
      expect(r.ok, name).toBe(false);
      expect(failedFiles(r), name).toContain(name);
    }
  });

  it("fails when report.json and its statement are both swapped: the report's own leaf disagrees", async () => {
    const f = await good();
    const other = await buildFixtureBundle({ reportJson: '{"reportType":"hipaa_access_report","rows":3}' });
    const r = await verifyEvidenceBundle(rezip({ ...f.files, [BUNDLE_FILES.json]: other.files[BUNDLE_FILES.json] }), {
      trustedReportKeyPem: f.reportKeyPem,
    });
    expect(r.failed).toContainEqual(expect.objectContaining({ code: "leaf-mismatch", file: "report.json" }));
  });

  it("fails a missing file, an unknown file and a re-signed bundle under a key that is not the trusted one", async () => {
    const f = await good();
    const withoutRows = Object.fromEntries(Object.entries(f.files).filter(([n]) => n !== BUNDLE_FILES.rows));
    expect(failedFiles(await verifyEvidenceBundle(rezip(withoutRows)))).toContain("rows.csv");
    const extra = await verifyEvidenceBundle(rezip({ ...f.files, "notes.txt": new Uint8Array([1]) }));
    expect(extra.failed).toContainEqual(expect.objectContaining({ code: "unexpected-file", file: "notes.txt" }));
    const other = await buildFixtureBundle();
    const r = await verifyEvidenceBundle(other.zip, { trustedReportKeyPem: f.reportKeyPem });
    expect(r.failed).toContainEqual(expect.objectContaining({ code: "key-mismatch", file: "report-signing-key.pem" }));
  });

  it("refuses a checkpoint not signed by the log the trusted policy names", async () => {
    const f = await good();
    const stranger = await buildFixtureBundle();
    const r = await verifyEvidenceBundle(f.zip, { trustedPolicy: stranger.policy });
    expect(r.failed).toContainEqual(expect.objectContaining({ code: "checkpoint-invalid", file: "report.tlog-proof" }));
  });

  it("says which group of checks it is in, in order, once each", async () => {
    const steps: TVerifyProgress[] = [];
    const r = await verifyEvidenceBundle((await good()).zip, {
      verifyPdfSignature: passPdf,
      onProgress: (p) => steps.push(p),
    });
    expect(r.ok).toBe(true);
    expect(steps).toEqual(VERIFY_STEPS.map((step, i) => ({ step, index: i + 1, total: VERIFY_STEPS.length })));
    const unreadable: TVerifyProgress[] = [];
    await verifyEvidenceBundle(new Uint8Array([1, 2, 3]), { onProgress: (p) => unreadable.push(p) });
    expect(unreadable.map((p) => p.step)).toEqual(["bundle"]);
  });

  it("refuses what is not a ZIP", async () => {
    const r = await verifyEvidenceBundle(new Uint8Array([1, 2, 3, 4]));
    expect(r).toMatchObject({ ok: false, failed: [{ part: "bundle", code: "zip-unreadable" }] });
  });
});
