import { beforeAll, describe, expect, it } from "vitest";
import { Faker, en } from "@faker-js/faker";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { makeSyntheticPatient, type TSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { authorizePatientAccess } from "@/lib/access/authorize-patient-access";
import { changeCareTeam } from "@/lib/access/care-team/change-care-team";
import { addObservation } from "./add-observation";
import { createPatient } from "./create-patient";
import { findPatients, queryKind } from "./find-patients";
import { readPatientChart } from "./read-patient-chart";

let db: TTestDatabase;
let p: TSyntheticPatient;
let patientId: string;
const actor = { id: "00000000-0000-4000-8000-000000000001", role: "CLINICIAN" as const };

beforeAll(async () => {
  db = await createTestDatabase();
  const faker = new Faker({ locale: [en] });
  faker.seed(11);
  p = makeSyntheticPatient(faker, 42);
  patientId = (await db.prisma.$transaction((tx) => createPatient(tx, { patient: p.patient, resources: p.clinical })))
    .patientId;
});

describe("clinician record flows", () => {
  it("finds a patient by MRN (with or without prefix) and by last name in any case", async () => {
    expect(queryKind("MRN1000042")).toBe("mrn");
    expect(queryKind("1000042")).toBe("mrn");
    expect(queryKind("O'Brien")).toBe("lastName");
    for (const q of [p.mrn, p.mrn.slice(3), p.lastName.toUpperCase()]) {
      const r = await findPatients(db.prisma, q);
      expect(
        r.hits.map((h) => h.patientId),
        q,
      ).toEqual([patientId]);
    }
    expect((await findPatients(db.prisma, "Nobody-by-this-name")).hits).toEqual([]);
    await expect(findPatients(db.prisma, " x ")).rejects.toThrow(/at least 2 characters/);
  });

  it("finds Cyrillic, Greek and CJK surnames without mixing them up, and refuses punctuation", async () => {
    const faker = new Faker({ locale: [en] });
    faker.seed(12);
    const families = ["Иванов", "Петров", "Παπαδόπουλος", "Παπαδάκης", "山田", "田中"];
    const ids = new Map<string, string>();
    for (const [i, family] of families.entries()) {
      const s = makeSyntheticPatient(faker, 900 + i);
      const patient = { ...s.patient, name: [{ ...s.patient.name?.[0], family }] };
      const created = await db.prisma.$transaction((tx) => createPatient(tx, { patient, resources: [] }));
      ids.set(family, created.patientId);
    }
    for (const [query, family] of [
      ["ИВАНОВ", "Иванов"],
      ["петров", "Петров"],
      ["ΠΑΠΑΔΟΠΟΥΛΟΣ", "Παπαδόπουλος"],
      ["Παπαδάκης", "Παπαδάκης"],
      ["山田", "山田"],
      ["田中", "田中"],
    ]) {
      const r = await findPatients(db.prisma, query);
      expect(
        r.hits.map((h) => h.patientId),
        query,
      ).toEqual([ids.get(family)]);
    }
    await expect(findPatients(db.prisma, "--")).rejects.toThrow(/at least one letter or digit/);
  });

  it("reads a chart with demographics, conditions and observations with units", async () => {
    const chart = await readPatientChart(db.prisma, patientId);
    if (chart.erased) throw new Error("unexpected");
    expect(chart.demographics).toMatchObject({ mrn: p.mrn, birthDate: p.patient.birthDate });
    expect(chart.conditions.length).toBe(p.clinical.filter((c) => c.resourceType === "Condition").length);
    expect(chart.observations.every((o) => o.unit && o.effective)).toBe(true);
  });

  it("adds an observation and records every access, allowed or failed, as an anchored event", async () => {
    const events = () => db.prisma.accessEvent.findMany({ where: { actorId: actor.id }, orderBy: { recorded: "asc" } });
    await db.prisma.$transaction((tx) =>
      changeCareTeam(tx, { patientId, userId: actor.id, change: "add", byId: actor.id }),
    );
    await authorizePatientAccess(db.prisma, { actor, patientId, action: "create", entityWhat: "Observation" }, () =>
      addObservation(db.prisma, {
        patientId,
        authorId: actor.id,
        input: { code: "8867-4", value: 64, effective: "2026-01-05T08:30" },
      }),
    );
    const chart = await readPatientChart(db.prisma, patientId);
    expect(!chart.erased && chart.observations.find((o) => o.effective === "2026-01-05T08:30:00.000Z")).toMatchObject({
      value: "64",
      unit: "/min",
    });
    await expect(
      authorizePatientAccess(
        db.prisma,
        { actor, patientId: "not-a-uuid", action: "read", entityWhat: "Patient" },
        async () => 1,
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(
      authorizePatientAccess(
        db.prisma,
        { actor, patientId: "00000000-0000-4000-8000-0000000000ff", action: "read", entityWhat: "Patient" },
        () => readPatientChart(db.prisma, "00000000-0000-4000-8000-0000000000ff"),
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    const list = await events();
    expect(list.map((e) => [e.subtype, e.outcome, e.purposeOfUse])).toEqual([
      ["create", "0", "TREAT"],
      ["read", "4", "TREAT"],
    ]);
    const queued = await db.prisma.ledgerQueue.findMany({
      where: { kind: "access_event", rowId: { in: list.map((e) => e.id) } },
    });
    expect(queued).toHaveLength(2);
  });
});
