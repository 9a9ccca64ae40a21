import crypto from "node:crypto";
import { parseCertificate } from "../lib/reports/certificates/parse-certificate";
import { verifyCertificateChain } from "../lib/reports/certificates/verify-certificate-chain";
import { openCheckpoint } from "../lib/ledger/tlog/checkpoint";
import { base64ToBytes } from "../lib/ledger/tlog/encoding";
import { verifyInclusion } from "../lib/ledger/tlog/proof";
import { expect, signInViaApi, test } from "./fixtures/session";

const der = (pem: string) =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([^-]+)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64")),
  );

test.describe("evidence CA", () => {
  test("a regulator, signed out, fetches the CA, checks its fingerprint, and finds it anchored in the log", async ({
    page,
  }) => {
    const index = await (await page.request.get("/.well-known/healthledger")).json();
    expect(index.version).toBe(1);
    const vkey = (await (await page.request.get("/.well-known/healthledger/log-key?format=vkey")).text()).trim();
    expect(index.log.verifierKey).toBe(vkey);

    const caResponse = await page.request.get(index.evidenceCa.url);
    expect(caResponse.headers()["content-type"]).toContain("application/x-pem-file");
    const [caDer] = der(await caResponse.text());
    expect(crypto.createHash("sha256").update(caDer).digest("hex")).toBe(index.evidenceCa.sha256);
    const [signerDer, ...intermediates] = der(await (await page.request.get(index.pdfSigner.url)).text());
    expect(crypto.createHash("sha256").update(signerDer).digest("hex")).toBe(index.pdfSigner.sha256);
    const chain = verifyCertificateChain({
      leaf: parseCertificate(signerDer),
      intermediates: intermediates.map(parseCertificate),
      trusted: [parseCertificate(caDer)],
      at: new Date(),
    });
    expect(chain.ok).toBe(true);
    expect(index.reportSigningKey.publicKeyPem).toContain("BEGIN PUBLIC KEY");

    // Anchored at start-up; sealed within a few seconds.
    await expect
      .poll(async () => (await (await page.request.get("/.well-known/healthledger")).json()).evidenceCa.ledgerIndex, {
        timeout: 20_000,
      })
      .toMatch(/^\d+$/);
    const anchored = (await (await page.request.get("/.well-known/healthledger")).json()).evidenceCa.ledgerIndex;
    await signInViaApi(page, "AUDITOR");
    const checkpoint = openCheckpoint(await (await page.request.get("/api/ledger/checkpoint")).text(), vkey);
    const proof = await (
      await page.request.get(`/api/ledger/proofs/inclusion?index=${anchored}&treeSize=${checkpoint.treeSize}`)
    ).json();
    expect(
      verifyInclusion({
        leafHash: base64ToBytes(proof.leafHash),
        index: Number(anchored),
        treeSize: checkpoint.treeSize,
        proof: proof.proof.map(base64ToBytes),
        root: checkpoint.rootHash,
      }),
    ).toBe(true);
  });
});
