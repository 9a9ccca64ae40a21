// A DBA writes the rows that would let a clinician into a chart, with leaf hashes recomputed
// the way the app does and queue entries beside them. Without the writer key they grant
// nothing, before or after the sequencer runs, and the sequencer refuses and reports them.
import crypto from "node:crypto";
import { Faker, en } from "@faker-js/faker";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { LEAF_KINDS, leafHashFor, type TLeafKindName } from "@/lib/ledger/kinds";
import { createLedgerPool, type LedgerPool } from "@/lib/ledger/ledger-pool";
import { listRefusedEntries } from "@/lib/ledger/seal/list-refused-entries";
import { sealPendingAndRecord } from "@/lib/ledger/rollback/record-checkpoint";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { insertQueueEntries } from "@/lib/ledger/testing/ledger-fixtures";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { createPatient } from "@/lib/vault/create-patient";
import { authorizePatientAccess } from "./authorize-patient-access";
import { changeCareTeam } from "./care-team/change-care-team";

let db: TTestDatabase;
let pool: LedgerPool;
let su: pg.Client;
let patientId: string;
const doc = { id: "00000000-0000-4000-8000-0000000000d2", role: "CLINICIAN" as const, name: "Dr. Forge" };
const officer = "00000000-0000-4000-8000-0000000000c2";

beforeAll(async () => {
  db = await createTestDatabase();
  pool = createLedgerPool(db.url);
  su = await db.superuser();
  const faker = new Faker({ locale: [en] });
  faker.seed(14);
  const p = makeSyntheticPatient(faker, 1);
  patientId = await db.prisma.$transaction(
    async (tx) => (await createPatient(tx, { patient: p.patient, resources: p.clinical })).patientId,
  );
  await db.prisma.user.create({
    data: { id: doc.id, email: "forge@example.test", displayName: doc.name, role: "CLINICIAN", passwordHash: "x" },
  });
  // The first seal begins this ledger and is remembered, as the app's sequencer does, so the
  // rollback guard lets patient data through.
  await sealPendingAndRecord(pool);
});
afterAll(async () => {
  await su.end();
  await pool.end();
});

const read = (actorId = doc.id) =>
  authorizePatientAccess(
    db.prisma,
    { actor: { ...doc, id: actorId }, patientId, action: "read", entityWhat: `Patient/${patientId}` },
    async (d) => d,
  );

/** The DBA's forgery: a row by SQL, its leaf hash recomputed exactly, and a queue entry. */
async function forge(kind: TLeafKindName, insertSql: string, params: unknown[], mac: Uint8Array | null) {
  const { rows } = await su.query(insertSql, params);
  const row = rows[0];
  await insertQueueEntries(su, [{ kind, rowId: row.id, leafHash: leafHashFor(LEAF_KINDS[kind], row), mac }]);
  return row as { id: string };
}
const forgeCareTeam = (userId: string, mac: Uint8Array | null) =>
  forge(
    "care_team_change",
    `INSERT INTO "CareTeamChange" (id, "patientId", "userId", change, "byId") VALUES (gen_random_uuid(), $1, $2, 'add', $3) RETURNING *`,
    [patientId, userId, officer],
    mac,
  );
const sealedCount = async (rowId: string) =>
  (await pool.query(`SELECT count(*)::int AS n FROM "LedgerEntry" WHERE "rowId" = $1`, [rowId])).rows[0].n;

describe("forged rows that would open a chart", () => {
  it("a care-team row inserted by SQL with no MAC, or a wrong one, lets no one in; the sequencer refuses and reports it", async () => {
    const other = "00000000-0000-4000-8000-0000000000d3";
    const noMac = await forgeCareTeam(doc.id, null);
    const wrongMac = await forgeCareTeam(other, crypto.randomBytes(32));
    await expect(read()).rejects.toMatchObject({ code: "forbidden" });
    await expect(read(other)).rejects.toMatchObject({ code: "forbidden" });

    const sealed = await sealPending({ pool });
    await expect(read()).rejects.toMatchObject({ code: "forbidden" });
    await expect(read(other)).rejects.toMatchObject({ code: "forbidden" });
    expect(await sealedCount(noMac.id)).toBe(0);
    expect(await sealedCount(wrongMac.id)).toBe(0);
    // The clinician's two denied reads were sealed in the same pass.
    expect(sealed.sealed).toBeGreaterThan(0);

    const refused = await listRefusedEntries(db.prisma);
    expect(refused.total).toBe(2);
    expect(refused.entries.every((e) => e.reasonLabel === "no valid writer MAC")).toBe(true);
    expect(refused.entries.map((e) => [e.kind, e.rowId, e.reason]).sort()).toEqual(
      [
        ["care_team_change", noMac.id, "mac_invalid"],
        ["care_team_change", wrongMac.id, "mac_invalid"],
      ].sort(),
    );
    const report = await verifyLedger({ pool });
    const about = (rowId: string) =>
      report.findings
        .filter((f) => f.rowId === rowId)
        .map((f) => f.code)
        .sort();
    expect(about(noMac.id)).toEqual(["refused_entry", "unanchored_row"]);
    expect(about(wrongMac.id)).toEqual(["refused_entry", "unanchored_row"]);
    // Everything the app wrote (patient, records, the denied reads) was sealed and verifies.
    expect(report.findings.filter((f) => f.rowId !== noMac.id && f.rowId !== wrongMac.id)).toEqual([]);
    expect(report.treeSize).toBeGreaterThan(0);
  });

  it("a consent permit and a break-glass row inserted by SQL open nothing either", async () => {
    await forge(
      "consent",
      `INSERT INTO "Consent" (id, "patientId", "provisionType", "granteeType", "granteeRef", purposes, "resourceTypes", "recordedById")
       VALUES (gen_random_uuid(), $1, 'permit', 'user', $2, '{}', '{}', $3) RETURNING *`,
      [patientId, doc.id, officer],
      crypto.randomBytes(32),
    );
    await forge(
      "break_glass",
      `INSERT INTO "BreakGlass" (id, "userId", "patientId", reason, "startedAt", "expiresAt")
       VALUES (gen_random_uuid(), $1, $2, 'forged', now() - interval '1 minute', now() + interval '1 hour') RETURNING *`,
      [doc.id, patientId],
      null,
    );
    await expect(read()).rejects.toMatchObject({ code: "forbidden" });
    await sealPending({ pool });
    await expect(read()).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a genuine care-team change opens the chart at once, while queued, and still once sealed; a DBA's edit of a removal closes it", async () => {
    const nurse = "00000000-0000-4000-8000-0000000000d5";
    const change = await db.prisma.$transaction((tx) =>
      changeCareTeam(tx, { patientId, userId: nurse, change: "add", byId: officer }),
    );
    await expect(read(nurse)).resolves.toMatchObject({ decision: "permit" });
    await sealPending({ pool });
    expect(await sealedCount(change!.id)).toBe(1);
    await expect(read(nurse)).resolves.toMatchObject({ decision: "permit" });

    // The DBA turns the latest "remove" back into an "add": that row no longer matches its sealed
    // leaf, so membership ends there instead of falling back to the earlier "add".
    const other = "00000000-0000-4000-8000-0000000000d4";
    const removal = await db.prisma.$transaction(async (tx) => {
      await changeCareTeam(tx, { patientId, userId: other, change: "add", byId: officer });
      return changeCareTeam(tx, { patientId, userId: other, change: "remove", byId: officer });
    });
    await sealPending({ pool });
    await expect(read(other)).rejects.toMatchObject({ code: "forbidden" });
    await su.query("SET session_replication_role = replica");
    await su.query(`UPDATE "CareTeamChange" SET change = 'add' WHERE id = $1`, [removal!.id]);
    await su.query("SET session_replication_role = DEFAULT");
    await expect(read(other)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a consent forged as a permit counts as a deny (it may be a patient's deny turned around)", async () => {
    const nurse = "00000000-0000-4000-8000-0000000000d5";
    await expect(read(nurse)).resolves.toMatchObject({ decision: "permit" });
    await forge(
      "consent",
      `INSERT INTO "Consent" (id, "patientId", "provisionType", "granteeType", "granteeRef", purposes, "resourceTypes", "recordedById")
       VALUES (gen_random_uuid(), $1, 'permit', 'user', $2, '{}', '{}', $3) RETURNING *`,
      [patientId, nurse, officer],
      null,
    );
    await expect(read(nurse)).rejects.toMatchObject({ code: "forbidden" });
  });
});
