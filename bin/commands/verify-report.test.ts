import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { renderSignedReportPdf } from "@/lib/reports/pdf/render-signed-report-pdf";
import { sampleReport } from "@/lib/reports/pdf/testing/sample-report";
import { makeTestEvidence } from "@/lib/reports/pdf/testing/test-evidence";
import { buildFixtureBundle, type TBundleFixture } from "@/lib/reports/verify/testing/bundle-fixture";

const run = promisify(execFile);
let fixture: TBundleFixture;
let dir: string;
let caFile: string;
let caSha256: string;

async function cli(...args: string[]) {
  try {
    const { stdout } = await run("node_modules/.bin/tsx", [
      "--conditions=react-server",
      "bin/healthledger.ts",
      ...args,
    ]);
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
}

const write = (name: string, bytes: Uint8Array | string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

beforeAll(async () => {
  const evidence = await makeTestEvidence();
  const bytes = await renderSignedReportPdf({
    report: { ...sampleReport(4), issuedAt: new Date() },
    signer: evidence.pdfSigner,
  });
  fixture = await buildFixtureBundle({ pdf: { bytes, evidenceCaPem: evidence.caPem, signerPem: evidence.signerPem } });
  caFile = evidence.files.caCert;
  caSha256 = evidence.caSha256;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "verify-report-"));
});

describe("healthledger verify-report", () => {
  it("exits 0 and says VERIFIED for a whole bundle, listing every check", async () => {
    const r = await cli("verify-report", write("good.zip", fixture.zip));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("VERIFIED: every part of the bundle checks out.");
    expect(r.stdout).toMatch(
      /ok {4}cosignatures +report\.tlog-proof: quorum met, 2 of the group "witnesses" \(W1, W2, W3\): cosigned by W1, W2/,
    );
    expect(r.stdout).toMatch(/ok {4}pdf +report\.pdf: the PDF's signature is valid/);
    expect((await cli("verify-report", write("good.zip", fixture.zip), "--ca", caFile)).code).toBe(0);
    expect(r.stdout).toContain(`evidenceCa.sha256       ${caSha256}`);
  });

  it("exits 1 and names a changed file, in text and in JSON", async () => {
    const rows = fixture.files["rows.csv"].slice();
    rows[5] ^= 0x20;
    const file = write("changed.zip", zipSync({ ...fixture.files, "rows.csv": rows }));
    const text = await cli("verify-report", file);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("NOT VERIFIED: 1 check(s) failed:");
    expect(text.stdout).toContain("- rows.csv [digest-mismatch]");
    const json = await cli("verify-report", file, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      failed: [{ file: "rows.csv", code: "digest-mismatch" }],
    });
  });

  it("checks against the keys and policy the verifier holds, not the bundle's", async () => {
    const other = await buildFixtureBundle();
    const key = write("published-key.pem", other.reportKeyPem);
    const policy = write("policy.txt", other.policy);
    const r = await cli("verify-report", write("good.zip", fixture.zip), "--report-key", key, "--policy", policy);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("report-signing-key.pem [key-mismatch]");
    expect(r.stdout).toContain("report.tlog-proof [checkpoint-invalid]");
  });

  it("fails the PDF against an evidence CA that did not issue its signer", async () => {
    const stranger = await makeTestEvidence();
    const r = await cli("verify-report", write("good.zip", fixture.zip), "--ca", stranger.files.caCert);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("- report.pdf [pdf-invalid]");
  });

  it("exits 2 on a bundle or CA file it cannot read", async () => {
    expect((await cli("verify-report", path.join(dir, "missing.zip"))).code).toBe(2);
    const r = await cli("verify-report", write("good.zip", fixture.zip), "--ca", write("empty.pem", "no certificate"));
    expect(r).toMatchObject({ code: 2, stdout: expect.stringContaining("holds no PEM certificate") });
  });

  it("can be checked by hand with unzip, sha256sum and openssl, as docs/evidence-bundle.md says", async () => {
    const hand = path.join(dir, "by-hand");
    fs.mkdirSync(hand);
    write("by-hand/bundle.zip", fixture.zip);
    const script = fs.readFileSync("docs/evidence-bundle.md", "utf8").match(/```sh verify-by-hand\n([\s\S]*?)```/)?.[1];
    expect(script).toBeTruthy();
    const { stdout } = await run("bash", ["-euo", "pipefail", "-c", script as string], { cwd: hand });
    expect(stdout).toContain("Signature Verified Successfully");
    expect(stdout).toMatch(/rows\.csv: OK/);
    // The same steps fail on a changed file.
    const tampered = zipSync({ ...fixture.files, "report.json": new TextEncoder().encode('{"changed":true}') });
    write("by-hand/bundle.zip", tampered);
    fs.rmSync(path.join(hand, "bundle"), { recursive: true, force: true });
    await expect(run("bash", ["-euo", "pipefail", "-c", script as string], { cwd: hand })).rejects.toThrow();
  });
});
