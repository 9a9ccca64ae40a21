import { beforeAll, describe, expect, it } from "vitest";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { getLeafKind, leafHashFor } from "@/lib/ledger/kinds";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { addPatientRecord } from "./add-patient-record";
import { addRecordVersion } from "./add-record-version";
import { createPatient } from "./create-patient";
import { unwrapDataKey } from "@/lib/keys/patient-key";
import { canonicalBytes, decryptResource } from "./record-cipher";
import { commitmentKey, recordCommitment } from "./record-commitment";
import { readPatientResources } from "./read-patient-resources";
import { writeRecordVersions } from "./write-record-versions";

let db: TTestDatabase;
let patientId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const faker = new Faker({ locale: [en] });
  faker.seed(7);
  const p = makeSyntheticPatient(faker, 1);
  patientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: p.clinical })))
    .patientId;
  await sealPending();
});

describe("anchored record versions", () => {
  it("anchors every version with pseudonym, type, ciphertext hash and a keyed commitment", async () => {
    const patient = await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } });
    const versions = await db.prisma.recordVersion.findMany({ include: { record: true } });
    const entries = await db.prisma.ledgerEntry.findMany({ where: { kind: "record_version" } });
    expect(entries).toHaveLength(versions.length);
    const dek = unwrapDataKey(patient.wrappedKey!, patient.id);
    for (const v of versions) {
      const entry = entries.find((e) => e.rowId === v.id)!;
      expect(Buffer.from(entry.leafHash).equals(Buffer.from(leafHashFor(getLeafKind("record_version"), v)))).toBe(true);
      expect(v.pseudonym).toBe(patient.pseudonym);
      expect(v.resourceType).toBe(v.record.resourceType);
      const plain = canonicalBytes(
        decryptResource({ dek, recordId: v.recordId, version: v.version, iv: v.iv, ciphertext: v.ciphertext }),
      );
      expect(recordCommitment(commitmentKey(dek), plain).equals(Buffer.from(v.commitment))).toBe(true);
    }
  });

  it("updates by appending a new version and keeps the old one intact", async () => {
    const obs = (await readPatientResources(db.prisma, { patientId, resourceTypes: ["Observation"] }))[0];
    const before = await db.prisma.recordVersion.findFirstOrThrow({ where: { recordId: obs.recordId, version: 1 } });
    const changed = { ...obs.resource, status: "amended" } as typeof obs.resource;
    const r = await db.prisma.$transaction((tx) => addRecordVersion(tx, { recordId: obs.recordId, resource: changed }));
    expect(r.version).toBe(2);
    const after = await db.prisma.recordVersion.findFirstOrThrow({ where: { recordId: obs.recordId, version: 1 } });
    expect(Buffer.from(after.ciphertext).equals(Buffer.from(before.ciphertext))).toBe(true);
    const current = (await readPatientResources(db.prisma, { patientId })).find((x) => x.recordId === obs.recordId)!;
    expect(current).toMatchObject({ version: 2, resource: { status: "amended" } });
    await expect(
      db.prisma.$transaction((tx) =>
        addRecordVersion(tx, { recordId: obs.recordId, resource: { resourceType: "Condition" } as never }),
      ),
    ).rejects.toMatchObject({ code: "unprocessable" });
  });

  it("adds a new record to a patient, anchored in the same transaction", async () => {
    const queued = await db.prisma.ledgerQueue.count();
    await db.prisma.$transaction((tx) =>
      addPatientRecord(tx, {
        patientId,
        resource: {
          resourceType: "Observation",
          status: "final",
          code: { text: "Heart rate" },
          valueQuantity: { value: 70, unit: "/min" },
        } as never,
      }),
    );
    expect(await db.prisma.ledgerQueue.count()).toBe(queued + 1);
  });

  it("writes nothing, rows or leaves, when the last version of a batch is refused", async () => {
    const patient = await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } });
    const dek = unwrapDataKey(patient.wrappedKey!, patient.id);
    const records = await db.prisma.record.findMany({ where: { patientId }, take: 3 });
    const [versions, queued] = [await db.prisma.recordVersion.count(), await db.prisma.ledgerQueue.count()];
    const batch = records.map((r) => ({ recordId: r.id, version: 90, resourceType: r.resourceType, resource: {} }));
    // A record that does not exist: the foreign key refuses the batch's last row.
    batch.push({ recordId: crypto.randomUUID(), version: 1, resourceType: "Observation", resource: {} });
    await expect(
      db.prisma.$transaction((tx) => writeRecordVersions(tx, { dek, pseudonym: patient.pseudonym, versions: batch })),
    ).rejects.toThrow();
    expect(await db.prisma.recordVersion.count()).toBe(versions);
    expect(await db.prisma.ledgerQueue.count()).toBe(queued);
  });

  it("creates new records with their first versions in one statement, or nothing when a row is refused", async () => {
    const patient = await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } });
    const dek = unwrapDataKey(patient.wrappedKey!, patient.id);
    const counts = async () => [
      await db.prisma.record.count(),
      await db.prisma.recordVersion.count(),
      await db.prisma.ledgerQueue.count(),
    ];
    const fresh = (n: number) =>
      Array.from({ length: n }, () => ({
        recordId: crypto.randomUUID(),
        version: 1,
        resourceType: "Observation",
        resource: { resourceType: "Observation", status: "final" },
      }));
    const before = await counts();
    const ok = fresh(3);
    await db.prisma.$transaction((tx) =>
      writeRecordVersions(tx, { dek, pseudonym: patient.pseudonym, newRecordsOf: patientId, versions: ok }),
    );
    expect(await counts()).toEqual([before[0] + 3, before[1] + 3, before[2] + 3]);
    const stored = await db.prisma.record.findMany({ where: { id: { in: ok.map((v) => v.recordId) } } });
    expect(stored.map((r) => [r.patientId, r.resourceType, r.currentVersion])).toEqual(
      ok.map(() => [patientId, "Observation", 1]),
    );

    // The batch's last record id repeats its first: the Record primary key refuses the statement.
    const after = await counts();
    const clash = fresh(3);
    clash.push({ ...clash[0] });
    await expect(
      db.prisma.$transaction((tx) =>
        writeRecordVersions(tx, { dek, pseudonym: patient.pseudonym, newRecordsOf: patientId, versions: clash }),
      ),
    ).rejects.toThrow();
    expect(await counts()).toEqual(after);
    await expect(
      db.prisma.$transaction((tx) =>
        writeRecordVersions(tx, {
          dek,
          pseudonym: patient.pseudonym,
          newRecordsOf: patientId,
          versions: [{ ...fresh(1)[0], version: 2 }],
        }),
      ),
    ).rejects.toThrow(/version 1/);
  });
});
