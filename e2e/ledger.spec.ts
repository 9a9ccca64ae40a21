import { openCheckpoint, verifyCosignature } from "../lib/ledger/tlog/checkpoint";
import { parseNote } from "../lib/ledger/tlog/note";
import { base64ToBytes } from "../lib/ledger/tlog/encoding";
import { verifyConsistency, verifyInclusion } from "../lib/ledger/tlog/proof";
import { expectNoAxeViolations } from "./fixtures/axe";
import { expect, screenshot, signInViaApi, test } from "./fixtures/session";

test.describe("ledger API", () => {
  test("an auditor checks the signed checkpoint and proofs against the published key", async ({ page }) => {
    const key = await page.request.get("/.well-known/healthledger/log-key?format=vkey");
    expect(key.ok()).toBeTruthy();
    const verifierKey = (await key.text()).trim();

    await signInViaApi(page, "AUDITOR");
    let checkpoint = openCheckpoint(await (await page.request.get("/api/ledger/checkpoint")).text(), verifierKey);
    expect(checkpoint.treeSize).toBeGreaterThan(0);

    const inclusion = await (
      await page.request.get(`/api/ledger/proofs/inclusion?index=0&treeSize=${checkpoint.treeSize}`)
    ).json();
    expect(
      verifyInclusion({
        leafHash: base64ToBytes(inclusion.leafHash),
        index: 0,
        treeSize: checkpoint.treeSize,
        proof: inclusion.proof.map(base64ToBytes),
        root: checkpoint.rootHash,
      }),
    ).toBe(true);

    const blocks = await (await page.request.get("/api/ledger/blocks?limit=2")).json();
    expect(blocks.blocks[0].treeSize).toBeGreaterThanOrEqual(checkpoint.treeSize);
    const first = await (await page.request.get("/api/ledger/blocks/0")).json();
    checkpoint = openCheckpoint(first.checkpoint, verifierKey);
    const latest = blocks.blocks[0];
    const consistency = await (
      await page.request.get(`/api/ledger/proofs/consistency?from=${first.treeSize}&to=${latest.treeSize}`)
    ).json();
    expect(
      verifyConsistency({
        oldSize: first.treeSize,
        newSize: latest.treeSize,
        oldRoot: base64ToBytes(first.rootHash),
        newRoot: base64ToBytes(latest.rootHash),
        proof: consistency.proof.map(base64ToBytes),
      }),
    ).toBe(true);
  });

  test("an auditor gets the latest checkpoint cosigned by the local witness", async ({ page }) => {
    const verifierKey = (await (await page.request.get("/.well-known/healthledger/log-key?format=vkey")).text()).trim();
    await signInViaApi(page, "AUDITOR");
    // The e2e server runs one witness beside the app (scripts/local-witness.ts); it cosigns within seconds.
    let res = await page.request.get("/api/ledger/cosigned-checkpoint");
    for (let i = 0; i < 20 && !res.headers()["x-healthledger-quorum"]?.endsWith(" met"); i++) {
      await page.waitForTimeout(500);
      res = await page.request.get("/api/ledger/cosigned-checkpoint");
    }
    expect(res.headers()["x-healthledger-quorum"]).toBe("1/1 met");
    expect(res.headers()["x-healthledger-cosigned-by"]).toBe("local");
    const note = await res.text();
    const checkpoint = openCheckpoint(note, verifierKey);
    const [, cosigner] = parseNote(note).signatures;
    expect(cosigner.name).toBe("healthledger.local/witness");
    // The policy names the witness's key and the quorum; the cosignature verifies with that key.
    const policy = await (await page.request.get("/api/ledger/witness-policy")).text();
    expect(policy).toContain(`log ${verifierKey}\n`);
    const witnessKey = /^witness local (\S+) /m.exec(policy)![1];
    expect(policy).toMatch(/^quorum local$/m);
    expect(verifyCosignature({ note, verifierKey: witnessKey }).checkpoint.treeSize).toBe(checkpoint.treeSize);
    expect(String(checkpoint.treeSize)).toBe(res.headers()["x-healthledger-tree-size"]);
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

test.describe("audit evidence page", () => {
  test("a compliance officer verifies the ledger and notarizes a file", async ({ page }) => {
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    await page.goto("/regulator");
    await expect(page.getByLabel("Latest checkpoint")).toContainText("healthledger");
    // The sequencer's lag from the reading GET /api/health makes.
    await expect(page.locator(".card.stat").filter({ hasText: "Waiting to be sealed" })).toContainText(/sequencer lag/);
    const witnesses = page.getByRole("table", { name: "Witnesses" });
    await expect(witnesses.getByRole("row", { name: /local/ })).toContainText(/up to date|behind/);
    await screenshot(page, "audit-evidence-witnesses");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Run full verification" }).click();
    await expect(page.getByRole("status")).toContainText(/verified [\d,]+ leaves/);
    await expect(page.locator("table").first().getByText("verified").first()).toBeVisible();

    // Titles are not PHI by contract, and the form says so where the title is typed.
    await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/plaintext: never put a patient's name/);
    await page.getByLabel("Title").fill("Research extract 2026-Q4");
    await page
      .getByLabel("File")
      .setInputFiles({ name: "extract.csv", mimeType: "text/csv", buffer: Buffer.from("id,value\n1,42\n") });
    await page.getByRole("button", { name: "Notarize" }).click();
    const receipt = page.getByRole("status").filter({ hasText: "Sealed at ledger index" });
    await expect(receipt).toBeVisible({ timeout: 15_000 });
    // SHA-256 of the file bytes, computed in the browser.
    await expect(receipt).toContainText("SHA-256 1c70e49dbdaf827d23f5bca1f5c2ec22cc98f102a09ddd4262af97893f101cc7");
    await screenshot(page, "audit-evidence");
  });

  test("notarizing without a title or file gets a clear message", async ({ page }) => {
    await signInViaApi(page, "COMPLIANCE_OFFICER");
    const res = await page.request.post("/api/ledger/notarized-documents", { data: { title: "", sha256: "xyz" } });
    expect(res.status()).toBe(422);
    const body = await res.json();
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(["sha256", "title"]);
    const title = body.error.details.find((d: { path: string }) => d.path === "title").message;
    // The form applies the same title rule before it hashes anything, with the same words.
    await page.goto("/regulator");
    const form = page.locator("form").filter({ has: page.getByLabel("Title") });
    await form.getByLabel("Title").fill("   ");
    await form.getByRole("button", { name: "Notarize" }).click();
    await expect(form.getByRole("alert")).toHaveText(title);
  });

  test("an auditor sees the evidence but cannot notarize", async ({ page }) => {
    await signInViaApi(page, "AUDITOR");
    await page.goto("/regulator");
    await expect(page.getByRole("button", { name: "Run full verification" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Notarize a file" })).toHaveCount(0);
    // Every queue entry of the demo was written by the app, so none was refused.
    const refused = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: "Refused ledger writes" }) });
    await expect(refused).toContainText("None: every queued entry carried a valid writer signature");
    const res = await page.request.post("/api/ledger/notarized-documents", {
      data: { title: "x", sha256: "a".repeat(64) },
    });
    expect(res.status()).toBe(403);
  });

  test("an auditor sees access activity in aggregate, with no person named", async ({ page }) => {
    await signInViaApi(page, "AUDITOR");
    await page.goto("/regulator");
    const activity = page.getByRole("region", { name: "Access activity" });
    // The demo's 30 days of history: thousands of events in 7 days, some refused.
    await expect(activity).toContainText(/[\d,]{4,} in 7 days/);
    await expect(activity).toContainText(/Denied or failed \(24 h\)\s*\d+\.\d%/);
    await activity.getByText("The same figures as a table").click();
    await expect(activity.getByRole("table", { name: "Access events per day" }).getByRole("row")).toHaveCount(15);
    // No staff member and no patient: neither a demo clinician's name nor a pseudonym.
    await expect(activity).not.toContainText(/Dr\.|Reyes|\bpt_/);
    await screenshot(page, "audit-evidence-activity");
  });
});
