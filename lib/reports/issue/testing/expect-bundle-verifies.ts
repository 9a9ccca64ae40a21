// The check every report type's test makes of its bundle: it verifies against the test's evidence
// CA and the report-signing key, and one flipped byte in any of the named files fails it, naming
// that file.
import { unzipSync, zipSync } from "fflate";
import { expect } from "vitest";
import { getReportSigningKey } from "@/lib/config/report-signing-key";
import { verifyEvidenceBundle } from "@/lib/reports/verify/verify-bundle";
import type { TIssueHarness } from "./issue-fixtures";

export async function expectBundleVerifiesAndNamesTampering(
  bytes: Uint8Array,
  harness: TIssueHarness,
  tamperedFiles: readonly string[],
): Promise<void> {
  const files = unzipSync(bytes);
  const trust = { trustedCasDer: [harness.evidence.ca.der], trustedReportKeyPem: getReportSigningKey().publicKeyPem };
  const v = await verifyEvidenceBundle(bytes, trust);
  expect(v.failed).toEqual([]);
  expect(v.ok).toBe(true);
  for (const name of tamperedFiles) {
    const changed = { ...files, [name]: new Uint8Array(files[name]) };
    changed[name][changed[name].length >> 1] ^= 1;
    const tampered = await verifyEvidenceBundle(zipSync(changed), trust);
    expect(tampered.ok, name).toBe(false);
    expect(
      tampered.failed.some((f) => f.file === name),
      name,
    ).toBe(true);
  }
}
