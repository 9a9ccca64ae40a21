import { openCheckpoint } from "../lib/ledger/checkpoint";
import { base64ToBytes } from "../lib/ledger/encoding";
import { verifyConsistency, verifyInclusion } from "../lib/ledger/proof";
import { expect, signInViaApi, test } from "./fixtures/session";

test.describe("ledger API", () => {
  test("an auditor checks the signed checkpoint and proofs against the published key", async ({ page }) => {
    const key = await page.request.get("/.well-known/healthledger/log-key?format=vkey");
    expect(key.ok()).toBeTruthy();
    const verifierKey = (await key.text()).trim();

    await signInViaApi(page, "AUDITOR");
    let checkpoint = openCheckpoint(await (await page.request.get("/api/ledger/checkpoint")).text(), verifierKey);
    expect(checkpoint.treeSize).toBeGreaterThan(0);

    const inclusion = await (await page.request.get(`/api/ledger/proofs/inclusion?index=0&treeSize=${checkpoint.treeSize}`)).json();
    expect(verifyInclusion({
      leafHash: base64ToBytes(inclusion.leafHash),
      index: 0,
      treeSize: checkpoint.treeSize,
      proof: inclusion.proof.map(base64ToBytes),
      root: checkpoint.rootHash,
    })).toBe(true);

    const blocks = await (await page.request.get("/api/ledger/blocks?limit=2")).json();
    expect(blocks.blocks[0].treeSize).toBeGreaterThanOrEqual(checkpoint.treeSize);
    const first = await (await page.request.get("/api/ledger/blocks/0")).json();
    checkpoint = openCheckpoint(first.checkpoint, verifierKey);
    const latest = blocks.blocks[0];
    const consistency = await (await page.request.get(`/api/ledger/proofs/consistency?from=${first.treeSize}&to=${latest.treeSize}`)).json();
    expect(verifyConsistency({
      oldSize: first.treeSize,
      newSize: latest.treeSize,
      oldRoot: base64ToBytes(first.rootHash),
      newRoot: base64ToBytes(latest.rootHash),
      proof: consistency.proof.map(base64ToBytes),
    })).toBe(true);
  });

  test("bad input gets a clear 4xx", async ({ page }) => {
    await signInViaApi(page, "AUDITOR");
    const bad = await page.request.get("/api/ledger/proofs/inclusion?index=-1");
    expect(bad.status()).toBe(422);
    const beyond = await page.request.get("/api/ledger/proofs/inclusion?index=999999999");
    expect(beyond.status()).toBe(404);
    expect((await beyond.json()).error.message).toMatch(/not in a tree of size/);
    const noBlock = await page.request.get("/api/ledger/blocks/99999999");
    expect(noBlock.status()).toBe(404);
  });

  test("clinicians and patients may not read the ledger API", async ({ page }) => {
    await signInViaApi(page, "CLINICIAN");
    expect((await page.request.get("/api/ledger/checkpoint")).status()).toBe(403);
  });
});
