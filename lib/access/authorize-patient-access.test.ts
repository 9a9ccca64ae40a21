import { Faker, en } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { createPatient } from "@/lib/vault/create-patient";
import { authorizePatientAccess, type TPatientAccessRequest } from "./authorize-patient-access";
import { declareBreakGlass } from "./break-glass/declare-break-glass";
import { changeCareTeam } from "./care-team/change-care-team";
import { grantConsent } from "./consents/grant-consent";
import { revokeConsent } from "./consents/revoke-consent";
import { POLICY_VERSION } from "./policy/policy-rules";

let db: TTestDatabase;
let patientId: string;
let otherPatientId: string;
const doc = {
  id: "00000000-0000-4000-8000-0000000000d1",
  role: "CLINICIAN" as const,
  name: "Dr. Test",
  department: "Cardiology",
};
const officer = "00000000-0000-4000-8000-0000000000c1";

beforeAll(async () => {
  db = await createTestDatabase();
  const faker = new Faker({ locale: [en] });
  faker.seed(5);
  const [a, b] = [makeSyntheticPatient(faker, 1), makeSyntheticPatient(faker, 2)];
  [patientId, otherPatientId] = await db.prisma.$transaction(async (tx) => [
    (await createPatient(tx, { patient: a.patient, resources: a.clinical })).patientId,
    (await createPatient(tx, { patient: b.patient, resources: b.clinical })).patientId,
  ]);
  await db.prisma.user.create({
    data: {
      id: doc.id,
      email: "doc@example.test",
      displayName: doc.name,
      role: "CLINICIAN",
      department: doc.department,
      passwordHash: "x",
    },
  });
});

const read = (o: Partial<TPatientAccessRequest> = {}) =>
  authorizePatientAccess(
    db.prisma,
    { actor: doc, patientId, action: "read", entityWhat: `Patient/${patientId}`, ...o },
    async (d) => d,
  );
const lastEvent = () =>
  db.prisma.accessEvent.findFirstOrThrow({ where: { actorId: doc.id }, orderBy: { recorded: "desc" } });

describe("authorizePatientAccess", () => {
  it("denies a clinician without a relationship, with a denied, anchored event naming the policy version", async () => {
    await expect(read()).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringContaining("not on this patient's care team"),
    });
    const e = await lastEvent();
    expect(e).toMatchObject({ outcome: "4", subtype: "read", action: "R", purposeOfUse: "TREAT", patientId });
    expect(e.outcomeDesc).toContain(POLICY_VERSION);
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "access_event", rowId: e.id } })).toBe(1);
  });

  it("a consent grant opens the record and its revocation closes it again; both are anchored", async () => {
    const consent = await grantConsent(db.prisma, {
      patientId,
      recordedById: officer,
      input: { provisionType: "permit", granteeType: "user", grantee: "DOC@example.test", purposes: ["TREAT"] },
    });
    expect(consent.granteeRef).toBe(doc.id);
    await expect(read()).resolves.toMatchObject({ decision: "permit", rule: "treat" });
    expect(await lastEvent()).toMatchObject({ outcome: "0" });
    const revocation = await revokeConsent(db.prisma, { patientId, consentId: consent.id, revokedById: officer });
    await expect(read()).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      revokeConsent(db.prisma, { patientId, consentId: consent.id, revokedById: officer }),
    ).rejects.toMatchObject({ code: "conflict" });
    const queued = await db.prisma.ledgerQueue.findMany({ where: { rowId: { in: [consent.id, revocation.id] } } });
    expect(queued.map((q) => q.kind).sort()).toEqual(["consent", "consent_revocation"]);
  });

  it("rejects a bad consent with a clear error and writes nothing", async () => {
    const before = await db.prisma.consent.count();
    await expect(
      grantConsent(db.prisma, {
        patientId,
        recordedById: officer,
        input: { provisionType: "maybe", granteeType: "role", grantee: "JANITOR" },
      }),
    ).rejects.toThrow(/permit or deny/);
    await expect(
      grantConsent(db.prisma, {
        patientId,
        recordedById: officer,
        input: { provisionType: "permit", granteeType: "organization", grantee: "Nowhere" },
      }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    expect(await db.prisma.consent.count()).toBe(before);
  });

  it("a deny overrides the care team, for its organization", async () => {
    await db.prisma.$transaction((tx) =>
      changeCareTeam(tx, { patientId, userId: doc.id, change: "add", byId: officer }),
    );
    await expect(read()).resolves.toMatchObject({ decision: "permit" });
    const deny = await grantConsent(db.prisma, {
      patientId,
      recordedById: officer,
      input: { provisionType: "deny", granteeType: "organization", grantee: "cardiology" },
    });
    await expect(read()).rejects.toMatchObject({ message: expect.stringContaining("denies you access") });
    await revokeConsent(db.prisma, { patientId, consentId: deny.id, revokedById: officer });
    await expect(read()).resolves.toMatchObject({ decision: "permit" });
    await db.prisma.$transaction((tx) =>
      changeCareTeam(tx, { patientId, userId: doc.id, change: "remove", byId: officer }),
    );
    await expect(read()).rejects.toMatchObject({ code: "forbidden" });
  });

  it("break-glass opens the record for 60 minutes, flags every event ETREAT and raises one alert", async () => {
    await expect(
      declareBreakGlass(db.prisma, { actor: doc, patientId: otherPatientId, reason: "too short" }),
    ).rejects.toThrow(/at least 20 characters/);
    expect(await db.prisma.breakGlass.count()).toBe(0);
    await expect(read({ patientId: otherPatientId })).rejects.toMatchObject({ code: "forbidden" });

    const glass = await declareBreakGlass(db.prisma, {
      actor: doc,
      patientId: otherPatientId,
      reason: "Unconscious patient in the ED, no relatives reachable",
    });
    expect(glass.expiresAt.getTime() - glass.startedAt.getTime()).toBe(60 * 60_000);
    await expect(read({ patientId: otherPatientId })).resolves.toMatchObject({ decision: "permit", breakGlass: true });
    expect(await lastEvent()).toMatchObject({ outcome: "0", purposeOfUse: "ETREAT", patientId: otherPatientId });
    const alerts = await db.prisma.privacyAlert.findMany({ where: { kind: "break_glass", patientId: otherPatientId } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].summary).not.toContain("Unconscious");
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "break_glass", rowId: glass.id } })).toBe(1);
    await expect(
      declareBreakGlass(db.prisma, {
        actor: doc,
        patientId: otherPatientId,
        reason: "Unconscious patient in the ED, again",
      }),
    ).rejects.toMatchObject({ code: "conflict" });

    // Let the hour pass: the table is append-only, so move the expiry as a superuser would.
    const su = await db.superuser();
    await su.query(`UPDATE "BreakGlass" SET "expiresAt" = $1::timestamp WHERE id = $2`, [
      new Date(Date.now() - 1000).toISOString(),
      glass.id,
    ]);
    await expect(read({ patientId: otherPatientId })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets a patient read their own record only", async () => {
    const me = { id: "00000000-0000-4000-8000-0000000000e1", role: "PATIENT" as const, patientId };
    await expect(
      authorizePatientAccess(
        db.prisma,
        { actor: me, patientId, action: "read", entityWhat: "Patient" },
        async () => "ok",
      ),
    ).resolves.toBe("ok");
    await expect(
      authorizePatientAccess(
        db.prisma,
        { actor: me, patientId: otherPatientId, action: "read", entityWhat: "Patient" },
        async () => "ok",
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
    const events = await db.prisma.accessEvent.findMany({ where: { actorId: me.id }, orderBy: { recorded: "asc" } });
    expect(events.map((e) => [e.outcome, e.purposeOfUse])).toEqual([
      ["0", "PATIENT_REQUEST"],
      ["4", "PATIENT_REQUEST"],
    ]);
  });

  it("never lets an admin in, even with a consent for the role", async () => {
    const admin = { id: "00000000-0000-4000-8000-0000000000a1", role: "ADMIN" as const };
    await grantConsent(db.prisma, {
      patientId,
      recordedById: officer,
      input: { provisionType: "permit", granteeType: "role", grantee: "ADMIN" },
    });
    await expect(
      authorizePatientAccess(
        db.prisma,
        { actor: admin, patientId, action: "read", entityWhat: "Patient" },
        async () => 1,
      ),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
