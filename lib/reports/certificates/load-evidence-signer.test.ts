import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTestEvidence, type TTestEvidence } from "../pdf/testing/test-evidence";
import { issueEvidenceCertificates } from "./issue-evidence-certificates";
import { loadEvidenceSignerFrom } from "./load-evidence-signer";

let evidence: TTestEvidence;
beforeAll(async () => {
  evidence = await makeTestEvidence();
});

describe("loadEvidenceSignerFrom", () => {
  it("loads a CA and a signer it issued, with the fingerprints regulators compare", () => {
    expect(evidence.caSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence.ca.isCa).toBe(true);
    expect(evidence.signer.isCa).toBe(false);
    expect(evidence.signer.keyUsage).toMatchObject({ digitalSignature: true, nonRepudiation: true });
    expect(evidence.signer.issuerText).toBe("CN=HealthLedger Evidence CA, O=healthledger.test/log");
  });

  it("refuses a key that is not the certificate's, and a signer from another CA", async () => {
    const other = await issueEvidenceCertificates({ organization: "other.test" });
    const wrongKey = path.join(evidence.dir, "wrong-key.pem");
    fs.writeFileSync(wrongKey, other.signerKeyPem);
    expect(() => loadEvidenceSignerFrom({ ...evidence.files, signerKey: wrongKey })).toThrow(/does not belong/);
    const wrongCa = path.join(evidence.dir, "wrong-ca.pem");
    fs.writeFileSync(wrongCa, other.caCertPem);
    expect(() => loadEvidenceSignerFrom({ ...evidence.files, caCert: wrongCa })).toThrow(/does not chain/);
  });

  it("refuses a signer certificate that has expired", () => {
    expect(() => loadEvidenceSignerFrom(evidence.files, new Date(Date.now() + 3 * 365 * 24 * 3600 * 1000))).toThrow(
      /not valid at/,
    );
  });
});
