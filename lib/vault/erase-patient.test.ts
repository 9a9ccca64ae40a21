import { beforeAll, describe, expect, it } from "vitest";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { dumpDatabase } from "@/test/dump-database";
import { makeSyntheticPatient, type TSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { base64ToBytes, hexToBytes } from "@/lib/ledger/tlog/encoding";
import { openCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { getLogKeys } from "@/lib/ledger/log-keys";
import { leafHash } from "@/lib/ledger/tlog/merkle";
import { verifyInclusion } from "@/lib/ledger/tlog/proof";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { verifyLedger } from "@/lib/ledger/verify/verify-ledger";
import { decideErasure } from "./decide-erasure";
import { verifyErasureCertificateSignature } from "./erasure-certificate";
import { findPatients } from "./find-patients";
import { issueErasureCertificate } from "./issue-erasure-certificate";
import { readPatientResources } from "./read-patient-resources";
import { requestErasure } from "./request-erasure";
import { withdrawErasureRequest } from "./withdraw-erasure-request";
import { verifyRecords } from "./verify-records";

const PATIENTS = 12;
let db: TTestDatabase;
let synthetic: TSyntheticPatient[];
const officer = "00000000-0000-4000-8000-00000000c0c0";
/** A second compliance officer: whoever files a request cannot decide it. */
const officer2 = "00000000-0000-4000-8000-00000000c0c2";

function needlesOf(p: TSyntheticPatient): string[] {
  const n = p.patient.name![0];
  return [p.mrn, `${n.given![0]} ${n.family}`, p.addressLine.split(",")[0], p.patient.telecom![0].value!];
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: PATIENTS, staff: 8 });
  await sealPending();
  const faker = new Faker({ locale: [en] });
  faker.seed(2026);
  synthetic = Array.from({ length: PATIENTS }, (_, i) => makeSyntheticPatient(faker, i + 1));
});

describe("no plaintext identity in a database dump", () => {
  it("finds none of the seeded full names, MRNs, street addresses or phone numbers", async () => {
    const { text } = await dumpDatabase(db.superuserUrl);
    expect(text).toContain("RecordVersion");
    for (const p of synthetic)
      for (const needle of needlesOf(p)) expect(text.includes(needle), `dump contains ${needle}`).toBe(false);
  });
});

describe("four eyes on erasure", () => {
  const counts = async () => ({
    decisions: await db.prisma.erasureDecision.count(),
    queued: await db.prisma.ledgerQueue.count({ where: { kind: "erasure_decision" } }),
    entries: await db.prisma.ledgerEntry.count({ where: { kind: "erasure_decision" } }),
    erased: await db.prisma.patient.count({ where: { erasedAt: { not: null } } }),
    keys: await db.prisma.patient.count({ where: { wrappedKey: { not: null } } }),
  });

  it("refuses an approval or refusal by the officer who filed the request, and writes nothing", async () => {
    const { requestId } = await requestErasure(db.prisma, {
      requestedById: officer,
      filedBy: "compliance_officer",
      patient: { mrn: synthetic[5].mrn },
    });
    const before = await counts();
    for (const decision of [
      { outcome: "approved", reason: "" },
      { outcome: "refused", ground: "legal_hold", reason: "Deciding my own request" },
    ] as const) {
      await expect(decideErasure(db.prisma, { requestId, decidedById: officer, decision })).rejects.toMatchObject({
        code: "forbidden",
      });
    }
    expect(await counts()).toEqual(before);
    expect(await db.prisma.erasureRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "REQUESTED",
      decidedAt: null,
    });
    expect((await findPatients(db.prisma, synthetic[5].mrn)).hits).toHaveLength(1);
  });

  it("lets only the requester withdraw, anchored; a withdrawn request cannot be decided", async () => {
    const [request] = await db.prisma.erasureRequest.findMany({ where: { status: "REQUESTED" } });
    const before = await counts();
    await expect(withdrawErasureRequest(db.prisma, { requestId: request.id, userId: officer2 })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(withdrawErasureRequest(db.prisma, { requestId: "nope", userId: officer })).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await counts()).toEqual(before);
    const { decisionId } = await withdrawErasureRequest(db.prisma, { requestId: request.id, userId: officer });
    expect(await db.prisma.erasureRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "WITHDRAWN",
    });
    expect(await db.prisma.erasureDecision.findUniqueOrThrow({ where: { id: decisionId } })).toMatchObject({
      outcome: "withdrawn",
      decidedById: officer,
    });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "erasure_decision", rowId: decisionId } })).toBe(1);
    await expect(
      decideErasure(db.prisma, {
        requestId: request.id,
        decidedById: officer2,
        decision: { outcome: "approved", reason: "" },
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(withdrawErasureRequest(db.prisma, { requestId: request.id, userId: officer })).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await db.prisma.patient.count({ where: { id: request.patientId, wrappedKey: { not: null } } })).toBe(1);
    // Withdrawn is closed: the patient can be filed again.
    await requestErasure(db.prisma, {
      requestedById: officer,
      filedBy: "compliance_officer",
      patient: { mrn: synthetic[5].mrn },
    });
  });
});

describe("erasure by crypto-shredding", () => {
  let requestId: string;
  let patientId: string;

  it("refuses with an Art. 17(3) ground and a reason, and changes nothing", async () => {
    const r = await requestErasure(db.prisma, {
      requestedById: officer,
      filedBy: "compliance_officer",
      patient: { mrn: synthetic[3].mrn },
    });
    await expect(
      requestErasure(db.prisma, {
        requestedById: officer,
        filedBy: "compliance_officer",
        patient: { mrn: synthetic[3].mrn },
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      decideErasure(db.prisma, {
        requestId: r.requestId,
        decidedById: officer2,
        decision: { outcome: "refused", ground: "nope", reason: "x" } as never,
      }),
    ).rejects.toThrow();
    await decideErasure(db.prisma, {
      requestId: r.requestId,
      decidedById: officer2,
      decision: { outcome: "refused", ground: "legal_hold", reason: "Litigation hold 2026-17 in force" },
    });
    expect((await findPatients(db.prisma, synthetic[3].mrn)).hits).toHaveLength(1);
    await expect(
      decideErasure(db.prisma, {
        requestId: r.requestId,
        decidedById: officer2,
        decision: { outcome: "approved", reason: "" },
      }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("on approval destroys the data key and blind indexes, and nobody can decrypt or find the patient", async () => {
    const portal = await db.prisma.user.findUniqueOrThrow({ where: { email: "patient@healthledger.test" } });
    patientId = portal.patientId!;
    const before = await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } });
    const versionsBefore = await db.prisma.recordVersion.findMany({
      where: { record: { patientId } },
      orderBy: { id: "asc" },
    });
    ({ requestId } = await requestErasure(db.prisma, {
      requestedById: portal.id,
      filedBy: "data_subject",
      patient: { id: patientId },
    }));
    await decideErasure(db.prisma, {
      requestId,
      decidedById: officer2,
      decision: { outcome: "approved", reason: "Request verified" },
    });
    const after = await db.prisma.patient.findUniqueOrThrow({ where: { id: patientId } });
    expect(after).toMatchObject({
      wrappedKey: null,
      kekId: null,
      mrnIndex: null,
      lastNameIndex: null,
      addressIndex: null,
    });
    expect(after.erasedAt).toBeInstanceOf(Date);
    expect(
      await db.prisma.recordVersion.findMany({ where: { record: { patientId } }, orderBy: { id: "asc" } }),
    ).toEqual(versionsBefore);
    await expect(readPatientResources(db.prisma, { patientId })).rejects.toMatchObject({ code: "conflict" });
    expect((await findPatients(db.prisma, synthetic[0].mrn)).hits).toEqual([]);
    expect((await findPatients(db.prisma, synthetic[0].lastName)).hits.map((h) => h.patientId)).not.toContain(
      patientId,
    );
    const { text } = await dumpDatabase(db.superuserUrl);
    // A staff member may share the last name or address (and so its blind index): that one is the staff member's data.
    const staff = await db.prisma.user.findMany({ select: { lastNameIndex: true, addressIndex: true } });
    const staffIndexes = new Set(staff.flatMap((u) => [u.lastNameIndex, u.addressIndex]));
    const ownIndexes = [before.lastNameIndex!, before.addressIndex!].filter((i) => !staffIndexes.has(i));
    for (const needle of [
      ...needlesOf(synthetic[0]),
      before.mrnIndex!,
      ...ownIndexes,
      Buffer.from(before.wrappedKey!).toString("hex"),
      "patient@healthledger.test",
    ]) {
      expect(text.includes(needle), `dump still contains ${needle.slice(0, 12)}…`).toBe(false);
    }
  });

  it("issues a signed certificate with the erasure's inclusion proof and checkpoint", async () => {
    const cert = await issueErasureCertificate(db.prisma, { requestId, timeoutMs: 1 }).catch(async () => {
      await sealPending();
      return issueErasureCertificate(db.prisma, { requestId });
    });
    const keys = getLogKeys();
    expect(verifyErasureCertificateSignature(cert, keys.verifier.publicKey)).toBe(true);
    expect(
      verifyErasureCertificateSignature(
        { ...cert, payload: { ...cert.payload, pseudonym: "pt_other" } },
        keys.verifier.publicKey,
      ),
    ).toBe(false);
    const cp = openCheckpoint(cert.payload.ledger.checkpoint, keys.verifier);
    const leaf = leafHash(base64ToBytes(cert.payload.ledger.leafBytes));
    expect(Buffer.from(leaf).toString("hex")).toBe(cert.payload.ledger.leafHash);
    expect(
      verifyInclusion({
        leafHash: hexToBytes(cert.payload.ledger.leafHash),
        index: cert.payload.ledger.index,
        treeSize: cp.treeSize,
        proof: cert.payload.ledger.inclusionProof.map(base64ToBytes),
        root: cp.rootHash,
      }),
    ).toBe(true);
    expect(JSON.stringify(cert)).not.toContain(synthetic[0].lastName);
  });

  it("still verifies: the ledger has no findings and record checks report the patient as erased", async () => {
    await sealPending();
    const ledger = await verifyLedger();
    expect(ledger.findings).toEqual([]);
    const records = await verifyRecords({ deep: true });
    expect(records).toMatchObject({ ok: true, findingCount: 0, erased: { patients: 1 } });
    expect(records.erased.versions).toBeGreaterThan(3);
  });
});
