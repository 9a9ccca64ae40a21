import pg from "pg";
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
import { checkedOutConnection, noteCheckedOut, noteReleased } from "@/lib/db/transaction-connection";
import { queueEntriesFor } from "@/lib/ledger/seal/enqueue-leaf";
import { storeVersionBatch } from "./store-version-batch";
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

  it("sends a batch through its transaction's own connection, or through Prisma when that connection is ambiguous", async () => {
    const patient = await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } });
    const dek = unwrapDataKey(patient.wrappedKey!, patient.id);
    const fresh = () =>
      Array.from({ length: 40 }, (_, i) => ({
        recordId: crypto.randomUUID(),
        version: 1,
        resourceType: "Observation",
        resource: { resourceType: "Observation", status: "final", valueQuantity: { value: i } },
      }));
    const write = (versions: ReturnType<typeof fresh>) =>
      db.prisma.$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        const found = checkedOutConnection(pid);
        const ids = await writeRecordVersions(tx, {
          dek,
          pseudonym: patient.pseudonym,
          newRecordsOf: patientId,
          versions,
        });
        return { pid, found: found !== undefined, ids: ids.map((r) => r.id) };
      });
    const direct = await write(fresh());
    expect(direct.found).toBe(true);
    // Released with the transaction: nothing names that connection any more.
    expect(checkedOutConnection(direct.pid)).toBeUndefined();

    // Another checked-out connection with the same server process id (a pool on another server):
    // the lookup must not guess, and the batch goes through Prisma on the right connection.
    const twin = { processID: direct.pid } as unknown as pg.PoolClient;
    let viaPrisma: Awaited<ReturnType<typeof write>>;
    const pids = new Set<number>();
    noteCheckedOut(twin);
    try {
      // Retry until the transaction gets the connection the twin shares its id with.
      do {
        viaPrisma = await write(fresh());
        pids.add(viaPrisma.pid);
      } while (viaPrisma.pid !== direct.pid && pids.size < 20);
    } finally {
      noteReleased(twin);
    }
    expect(viaPrisma.pid).toBe(direct.pid);
    expect(viaPrisma.found).toBe(false);

    const kind = getLeafKind("record_version");
    for (const ids of [direct.ids, viaPrisma.ids]) {
      const versions = await db.prisma.recordVersion.findMany({ where: { id: { in: ids } } });
      const queued = await db.prisma.ledgerQueue.findMany({ where: { rowId: { in: ids } }, orderBy: { id: "asc" } });
      expect(versions).toHaveLength(40);
      // Queue ids follow the batch's order, and each entry hashes its row as stored.
      expect(queued.map((q) => q.rowId)).toEqual(ids);
      for (const q of queued) {
        const v = versions.find((x) => x.id === q.rowId)!;
        expect(Buffer.from(q.leafHash).equals(Buffer.from(leafHashFor(kind, v)))).toBe(true);
        const plain = canonicalBytes(
          decryptResource({ dek, recordId: v.recordId, version: v.version, iv: v.iv, ciphertext: v.ciphertext }),
        );
        expect(recordCommitment(commitmentKey(dek), plain).equals(Buffer.from(v.commitment))).toBe(true);
      }
    }
  });

  it("writes nothing through a connection that is not in the batch's transaction", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const before = [await db.prisma.recordVersion.count(), await db.prisma.ledgerQueue.count()];
      const row = {
        id: crypto.randomUUID(),
        recordId: (await db.prisma.record.findFirstOrThrow({ where: { patientId } })).id,
        version: 77,
        resourceType: "Observation",
        iv: Buffer.alloc(12),
        ciphertext: Buffer.alloc(40),
        ciphertextSha256: Buffer.alloc(32),
        commitment: Buffer.alloc(32),
      };
      const batch = (xid: string) => ({
        rows: [row],
        leaves: queueEntriesFor({ kind: "record_version", rows: [{ ...row, createdAt: new Date() }] }),
        pseudonym: "pt_x",
        authorId: null,
        newRecordsOf: null,
        createdAt: "2026-01-01T00:00:00.000",
        xid,
      });
      await client.query("BEGIN");
      // The id of another transaction (this connection's next one would be later still).
      const other = await db.prisma.$queryRaw<{ xid: string }[]>`SELECT pg_current_xact_id()::text AS xid`;
      await expect(storeVersionBatch(client, batch(other[0].xid))).rejects.toThrow(/whole batch/);
      await client.query("COMMIT");
      expect([await db.prisma.recordVersion.count(), await db.prisma.ledgerQueue.count()]).toEqual(before);
    } finally {
      await client.end();
    }
  });
});
