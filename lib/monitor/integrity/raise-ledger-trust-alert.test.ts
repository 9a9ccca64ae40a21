import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { localFileStore } from "@/lib/ledger/rollback/local-file-store";
import { checkRollback } from "@/lib/ledger/rollback/rollback-guard";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { appendAccessEvents } from "@/lib/ledger/testing/ledger-fixtures";
import { LEDGER_TRUST_RULE, raiseLedgerTrustAlert } from "./raise-ledger-trust-alert";

let db: TTestDatabase;
let pool: LedgerPool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url, 2);
});
afterAll(() => pool.end());

it("raises one anchored, high integrity alert about no person while the guard stays closed", async () => {
  await appendAccessEvents(pool, 3);
  await sealPending({ pool });
  const missing = localFileStore(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hl-alert-")), "none.json"));
  const check = await checkRollback(pool, [missing]);
  if (check.ok) throw new Error("the guard should be closed without any store");
  expect(await raiseLedgerTrustAlert(pool, check)).toBe(true);
  expect(await raiseLedgerTrustAlert(pool, check)).toBe(false);
  const { rows } = await pool.query(
    `SELECT a.kind, a.severity, a."actorId", a."patientId", a."reasonCode", a.summary, a.status,
            (SELECT count(*) FROM "LedgerQueue" q WHERE q.kind = 'alert_transition' AND q."rowId" = t.id) AS queued
       FROM "PrivacyAlert" a JOIN "PrivacyAlertTransition" t ON t."alertId" = a.id WHERE a."ruleId" = $1`,
    [LEDGER_TRUST_RULE],
  );
  expect(rows).toEqual([
    {
      kind: "integrity",
      severity: "high",
      actorId: null,
      patientId: null,
      reasonCode: "untrusted",
      summary: expect.stringMatching(/^Ledger integrity: patient data stopped \(untrusted\)/),
      status: "new",
      queued: "1",
    },
  ]);
  // Closed by an officer, the next closing of the guard raises a new one.
  await db.superuser().then(async (c) => {
    await c.query(`UPDATE "PrivacyAlert" SET status = 'closed' WHERE "ruleId" = $1`, [LEDGER_TRUST_RULE]);
    await c.end();
  });
  expect(await raiseLedgerTrustAlert(pool, check)).toBe(true);
});
