// The rollback guard as an operator meets it: the store of issued checkpoints goes missing (a
// lost file, a new server) while the witness cannot be reached, patient data stops with a clear
// 503 and notice, an integrity alert is raised, and only two administrators together bring it
// back, each typing the start of the root hash.
import fs from "node:fs";
import path from "node:path";
import { countsAtRest, withDatabase } from "./fixtures/row-counts";
import { expect, screenshot, signInAs, signInViaApi, test } from "./fixtures/session";

// scripts/e2e-server.ts keeps the server's issued checkpoints here (same default port).
const STATE = path.resolve(`.secrets/e2e-${process.env.HL_PG_PORT}-checkpoints.json`);
const ASIDE = `${STATE}.aside`;
// The e2e server's local witness (scripts/local-witness.ts) holds its pid in its state's lock file.
const WITNESS_LOCK = path.resolve(`.secrets/e2e-${process.env.HL_PG_PORT}-witness-state.json.lock`);
const witnessPid = () => Number(fs.readFileSync(WITNESS_LOCK, "utf8"));
/** A paused witness answers nothing (a witness that is down): the guard counts it as knowing nothing. */
const pauseWitness = () => process.kill(witnessPid(), "SIGSTOP");
const resumeWitness = () => process.kill(witnessPid(), "SIGCONT");
const NO_SUCH = "00000000-0000-4000-8000-000000000000";

test.afterAll(() => {
  resumeWitness();
  // Leave the server trusted for whatever runs next, even if a step above failed.
  if (!fs.existsSync(STATE) && fs.existsSync(ASIDE)) fs.renameSync(ASIDE, STATE);
  fs.rmSync(ASIDE, { force: true });
});

test("a missing checkpoint store stops patient data until a second admin approves a re-trust", async ({ browser }) => {
  expect(fs.existsSync(STATE), "the e2e server trusted its new ledger at the first seal").toBe(true);
  const clinician = await browser.newPage();
  await signInViaApi(clinician, "CLINICIAN");
  expect((await clinician.request.get(`/api/fhir/Patient/${NO_SUCH}`)).status()).toBe(404);
  // While the witness answers, it alone vouches for the ledger: it has to be out of reach too.
  pauseWitness();

  // At rest first: a seal whose trust check read the store just before the rename would write
  // its checkpoint back just after it (the monitor's anchored alert transitions seal too).
  // A seal that checked the store just before the rename can still write it back just after
  // (recordSealedCheckpoint checks, then writes): until that is one atomic step, move the store
  // aside again if it came back once the app is at rest.
  // A seal's record asks the (now unanswering) witness for up to 2 s before it writes: wait past
  // that once the app is at rest, and check the store stayed missing before asking for the 503.
  const atRestAndSettled = async () => {
    await withDatabase((db) => countsAtRest(db));
    await clinician.waitForTimeout(2_500);
    await withDatabase((db) => countsAtRest(db));
  };
  for (let attempt = 0; attempt < 3 && fs.existsSync(STATE); attempt++) {
    await atRestAndSettled();
    fs.renameSync(STATE, ASIDE);
    await atRestAndSettled();
  }
  // The guard reuses an ok answer for 2 s; after that it reads the (now missing) store again.
  await expect
    .poll(async () => (await clinician.request.get(`/api/fhir/Patient/${NO_SUCH}`)).status(), { timeout: 10_000 })
    .toBe(503);
  expect(fs.existsSync(STATE), "the store stays missing once the app is at rest").toBe(false);
  const res = await clinician.request.get(`/api/fhir/Patient/${NO_SUCH}`);
  expect((await res.json()).error).toMatchObject({
    code: "ledger_untrusted",
    message: expect.stringMatching(/^Patient data is unavailable: this server knows no checkpoint/),
  });

  // The privacy office hears of it too: one high integrity alert, about no person.
  await expect
    .poll(
      () =>
        withDatabase(async (db) => {
          const { rows } = await db.query(
            `SELECT severity FROM "PrivacyAlert" WHERE "ruleId" = 'ledger-rollback-guard' AND "reasonCode" = 'untrusted'`,
          );
          return rows.map((r) => r.severity);
        }),
      { timeout: 30_000 },
    )
    .toEqual(["high"]);
  const officer = await browser.newPage();
  await signInViaApi(officer, "COMPLIANCE_OFFICER");
  await officer.goto("/alerts?status=new");
  const row = officer.getByRole("row", { name: /ledger-rollback-guard/ }).first();
  await expect(row).toBeVisible();
  await row.locator('a[href^="/alerts/"]').first().click();
  await expect(officer.getByRole("heading", { level: 1 })).toContainText("Alert:");
  const finding = officer.getByRole("region", { name: "Finding" });
  await expect(finding).toContainText("high");
  await expect(finding).toContainText("untrusted");
  await screenshot(officer, "rollback-integrity-alert");

  const patient = await browser.newPage();
  await signInViaApi(patient, "PATIENT");
  await patient.goto("/me");
  await expect(patient.getByRole("alert", { name: "Patient data unavailable" })).toContainText(
    "knows no checkpoint it issued",
  );
  await expect(patient.getByRole("heading", { name: "This page could not be shown" })).toBeVisible();
  await screenshot(patient, "rollback-guard-closed");

  // First administrator: sees why, types the first 8 hex of the head's root, requests.
  const first = await browser.newPage();
  await signInViaApi(first, "ADMIN");
  await first.goto("/admin/ledger");
  const guard = first.getByRole("region", { name: "Rollback guard" });
  await expect(guard.getByRole("alert")).toContainText("no store remembers a checkpoint");
  const root = (await first.getByTestId("head-root-hash").textContent())!.trim();
  const request = first.getByRole("form", { name: "Request re-trust" });
  await request.getByLabel("Type the first 8 characters of the root hash").fill("deadbeef");
  await request.getByRole("button", { name: "Request re-trust" }).click();
  await expect(request.getByRole("alert")).toContainText("not the start of this head's root hash");
  await request.getByLabel("Type the first 8 characters of the root hash").fill(root.slice(0, 8));
  await request.getByRole("button", { name: "Request re-trust" }).click();
  // The page now shows the request instead of the form.
  const mine = first.getByRole("region", { name: "Pending re-trust" });
  await expect(mine.getByRole("button", { name: "Approve re-trust" })).toHaveCount(0);
  await expect(mine.getByRole("button", { name: "Withdraw" })).toBeVisible();
  await screenshot(first, "rollback-retrust-requested");
  expect((await clinician.request.get(`/api/fhir/Patient/${NO_SUCH}`)).status()).toBe(503);

  // Second administrator: types the root again and approves; patient data is served again.
  const second = await browser.newPage();
  await signInAs(second, { email: "admin2@healthledger.test" });
  await second.goto("/admin/ledger");
  const pending = second.getByRole("region", { name: "Pending re-trust" });
  await expect(pending.getByTestId("pending-root-hash")).toHaveText(root);
  await pending.getByLabel("Type the first 8 characters of the root hash").fill(root.slice(0, 8).toUpperCase());
  await pending.getByRole("button", { name: "Approve re-trust" }).click();
  await expect(pending).toHaveCount(0);
  await expect(second.getByRole("region", { name: "Rollback guard" })).toContainText("Trusted");

  expect((await clinician.request.get(`/api/fhir/Patient/${NO_SUCH}`)).status()).toBe(404);
  // The witness back: it still holds a checkpoint this ledger extends, so the guard stays open.
  resumeWitness();
  await clinician.waitForTimeout(2_500);
  expect((await clinician.request.get(`/api/fhir/Patient/${NO_SUCH}`)).status()).toBe(404);
  await patient.goto("/me");
  await expect(patient.getByRole("alert", { name: "Patient data unavailable" })).toHaveCount(0);
  await expect(patient.getByRole("heading", { name: "My data" })).toBeVisible();

  await second.goto("/admin/history");
  const history = second.getByRole("table", { name: "Admin actions" });
  await expect(history.getByRole("row").filter({ hasText: "ledger.trust_approve" })).toContainText("Morgan Admin");
  await expect(history.getByRole("row").filter({ hasText: "ledger.trust_request" })).toContainText("Avery Admin");
  await screenshot(second, "rollback-retrust-history");
});
