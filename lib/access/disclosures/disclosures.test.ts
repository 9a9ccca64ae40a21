import { Faker, en } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { User } from "@/lib/generated/prisma/client";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { decideErasure } from "@/lib/vault/decide-erasure";
import { requestErasure } from "@/lib/vault/request-erasure";
import { makeSyntheticPatient, type TSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { dumpDatabase } from "@/test/dump-database";
import { correctDisclosure } from "./correct-disclosure";
import { findRegisterPatient } from "./find-register-patient";
import { listDisclosures } from "./list-disclosures";
import { recordDisclosure } from "./record-disclosure";

let db: TTestDatabase;
let officer: User;
let synthetic: TSyntheticPatient[];
const DESCRIPTION = "Discharge summary and HIV viral load results, March 2026";
const entry = (over: Record<string, string> = {}) => ({
  disclosedAt: "2026-03-02",
  recipientName: "County Public Health Department",
  recipientAddress: "100 Civic Plaza, Springfield",
  description: DESCRIPTION,
  purpose: "Mandatory communicable disease report",
  requestCopy: "",
  legalBasis: "public_health",
  ...over,
});
const patientOf = async (i: number) =>
  (await findRegisterPatient(db.prisma, { actor: officer, mrn: synthetic[i].mrn })).patientId;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: 6, staff: 4 });
  officer = await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance@healthledger.test" } });
  const faker = new Faker({ locale: [en] });
  faker.seed(2026);
  synthetic = Array.from({ length: 6 }, (_, i) => makeSyntheticPatient(faker, i + 1));
});

describe("disclosure register (HIPAA 164.528)", () => {
  it("records an entry encrypted at rest, anchored, and readable in the patient's register", async () => {
    const patientId = await patientOf(1);
    const row = await recordDisclosure(db.prisma, { actor: officer, patientId, input: entry() });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "disclosure", rowId: row.id } })).toBe(1);
    const { text } = await dumpDatabase(db.superuserUrl);
    expect(text).toContain("Disclosure");
    for (const secret of ["HIV viral load", "communicable disease", "County Public Health", "100 Civic Plaza"])
      expect(text).not.toContain(secret);
    const register = await listDisclosures(db.prisma, { actor: officer, patientId });
    expect(register.entries).toHaveLength(1);
    expect(register.entries[0]).toMatchObject({
      recipientName: "County Public Health Department",
      legalBasis: "public_health",
      supersededById: null,
      content: { description: DESCRIPTION, purpose: "Mandatory communicable disease report", requestCopy: null },
    });
    const events = await db.prisma.accessEvent.findMany({
      where: { actorId: officer.id, patientId },
      orderBy: { recorded: "asc" },
    });
    expect(events.map((e) => [e.subtype, e.entityWhat, e.outcome, e.purposeOfUse])).toEqual([
      // Finding the patient by MRN is itself on the record, as a search hit.
      ["search-type", `Patient/${patientId}`, "0", "OPERATIONS"],
      ["create", "Disclosure", "0", "OPERATIONS"],
      ["read", "Disclosure?patient", "0", "OPERATIONS"],
    ]);
  });

  it("rejects bad input with every problem and changes nothing", async () => {
    const patientId = await patientOf(2);
    const bad = entry({
      disclosedAt: "2999-01-01",
      recipientName: "",
      description: "",
      purpose: "",
      legalBasis: "because",
    });
    const error = await recordDisclosure(db.prisma, { actor: officer, patientId, input: bad }).catch((e) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues.map((i) => i.path[0])).toEqual(
      expect.arrayContaining(["disclosedAt", "recipientName", "description", "legalBasis", "purpose"]),
    );
    await expect(
      recordDisclosure(db.prisma, { actor: officer, patientId, input: entry({ purpose: " ", requestCopy: "" }) }),
    ).rejects.toThrow(/purpose .* or paste a copy/);
    expect(await db.prisma.disclosure.count({ where: { patientId } })).toBe(0);
    expect(
      await db.prisma.accessEvent.count({
        where: { patientId, outcome: "4", outcomeDesc: { startsWith: "invalid input" } },
      }),
    ).toBe(2);
  });

  it("corrects by a superseding entry; the original stays unchanged and can be corrected only once", async () => {
    const patientId = await patientOf(3);
    const first = await recordDisclosure(db.prisma, {
      actor: officer,
      patientId,
      input: entry({
        recipientName: "Springfield Police Dept",
        legalBasis: "law_enforcement",
        requestCopy: "Subpoena 26-114",
      }),
    });
    const fix = await correctDisclosure(db.prisma, {
      actor: officer,
      patientId,
      disclosureId: first.id,
      input: entry({ recipientName: "Springfield Police Department", legalBasis: "law_enforcement" }),
    });
    expect(fix.supersedesId).toBe(first.id);
    await expect(
      correctDisclosure(db.prisma, { actor: officer, patientId, disclosureId: first.id, input: entry() }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      correctDisclosure(db.prisma, {
        actor: officer,
        patientId: await patientOf(4),
        disclosureId: fix.id,
        input: entry(),
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const again = await correctDisclosure(db.prisma, {
      actor: officer,
      patientId,
      disclosureId: fix.id,
      input: entry({ disclosedAt: "2026-03-01", recipientName: "Springfield Police Department" }),
    });
    const { entries } = await listDisclosures(db.prisma, { actor: officer, patientId });
    const byId = new Map(entries.map((e) => [e.id, e]));
    expect(byId.get(first.id)).toMatchObject({
      recipientName: "Springfield Police Dept",
      supersededById: fix.id,
      content: { requestCopy: "Subpoena 26-114" },
    });
    expect(byId.get(fix.id)).toMatchObject({ supersedesId: first.id, supersededById: again.id });
    expect(byId.get(again.id)).toMatchObject({ supersedesId: fix.id, supersededById: null });
    expect(await db.prisma.disclosure.findUniqueOrThrow({ where: { id: first.id } })).toEqual(first);
  });

  it("lists six years by default and older entries on request", async () => {
    const patientId = await patientOf(4);
    const old = await recordDisclosure(db.prisma, {
      actor: officer,
      patientId,
      input: entry({ disclosedAt: "2019-05-01" }),
    });
    const now = new Date("2026-04-01T00:00:00Z");
    expect((await listDisclosures(db.prisma, { actor: officer, patientId, now })).entries).toEqual([]);
    expect(
      (await listDisclosures(db.prisma, { actor: officer, patientId, since: new Date("2019-01-01") })).entries.map(
        (e) => e.id,
      ),
    ).toEqual([old.id]);
  });

  it("is closed to clinicians and auditors, and every refusal is an access event", async () => {
    const patientId = await patientOf(1);
    for (const email of ["clinician@healthledger.test", "auditor@healthledger.test"]) {
      const actor = await db.prisma.user.findUniqueOrThrow({ where: { email } });
      await expect(listDisclosures(db.prisma, { actor, patientId })).rejects.toMatchObject({ code: "forbidden" });
      await expect(recordDisclosure(db.prisma, { actor, patientId, input: entry() })).rejects.toMatchObject({
        code: "forbidden",
      });
      expect(await db.prisma.accessEvent.count({ where: { actorId: actor.id, patientId, outcome: "4" } })).toBe(2);
    }
  });

  it("shows an erased patient's entries as erased and accepts no new ones", async () => {
    const patientId = await patientOf(5);
    await recordDisclosure(db.prisma, { actor: officer, patientId, input: entry() });
    const { requestId } = await requestErasure(db.prisma, {
      requestedById: officer.id,
      filedBy: "compliance_officer",
      patient: { id: patientId },
    });
    const officer2 = await db.prisma.user.findUniqueOrThrow({ where: { email: "compliance2@healthledger.test" } });
    await decideErasure(db.prisma, {
      requestId,
      decidedById: officer2.id,
      decision: { outcome: "approved", reason: "Verified request" },
    });
    const register = await listDisclosures(db.prisma, { actor: officer, patientId });
    expect(register).toMatchObject({
      erased: true,
      entries: [{ recipientName: "", recipientAddress: "", content: "erased" }],
    });
    await expect(recordDisclosure(db.prisma, { actor: officer, patientId, input: entry() })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(findRegisterPatient(db.prisma, { actor: officer, mrn: synthetic[5].mrn })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("verifies in the ledger, and a changed recipient or sealed text is found", async () => {
    // An entry as the previous release wrote it: recipient in plaintext columns, leaf v1.
    const legacy = await db.prisma.$transaction(async (tx) => {
      const row = await tx.disclosure.create({
        data: {
          patientId: await patientOf(0),
          disclosedAt: new Date("2026-01-05T00:00:00Z"),
          recipientName: "Legacy Recipient Clinic",
          recipientAddress: "",
          sealed: new Uint8Array(40),
          legalBasis: "judicial",
          recordedById: officer.id,
        },
      });
      await enqueueLeaf(tx, { kind: "disclosure", row });
      return row;
    });
    await sealPending();
    expect((await verifyLedger()).findings).toEqual([]);
    const su = await db.superuser();
    const { rows } = await su.query(
      `SELECT id FROM "Disclosure" WHERE "sealedRecipient" IS NOT NULL ORDER BY "createdAt" LIMIT 2`,
    );
    // Another entry's sealed recipient copied over this one's (no key needed), and a v1 recipient rewritten.
    await su.query(
      `UPDATE "Disclosure" SET "sealedRecipient" = (SELECT "sealedRecipient" FROM "Disclosure" WHERE id = $2) WHERE id = $1`,
      [rows[0].id, rows[1].id],
    );
    await su.query(`UPDATE "Disclosure" SET "recipientName" = 'Someone Else' WHERE id = $1`, [legacy.id]);
    const after = await verifyLedger();
    expect(after.findings.map((f) => [f.code, f.table, f.rowId]).sort()).toEqual(
      [
        ["leaf_mismatch", "Disclosure", rows[0].id],
        ["leaf_mismatch", "Disclosure", legacy.id],
      ].sort(),
    );
  });
});
