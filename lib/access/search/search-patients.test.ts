import { Faker, en } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { makeSyntheticPatient, type TSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { blindIndex } from "@/lib/vault/blind-index";
import { createPatient } from "@/lib/vault/create-patient";
import { listRecentPatients } from "@/lib/vault/list-recent-patients";
import { searchQueryHash } from "@/lib/vault/search-query-hash";
import { changeCareTeam } from "../care-team/change-care-team";
import { grantConsent } from "../consents/grant-consent";
import { lookupPatientByMrn } from "./lookup-patient-by-mrn";
import { searchPatients } from "./search-patients";

let db: TTestDatabase;
const doc = { id: "00000000-0000-4000-8000-0000000000d1", role: "CLINICIAN" as const, department: "Cardiology" };
const officer = { id: "00000000-0000-4000-8000-0000000000c1", role: "COMPLIANCE_OFFICER" as const };
const admin = { id: "00000000-0000-4000-8000-0000000000a1", role: "ADMIN" as const };
// treated: on the doctor's care team; stranger: no relationship; denier: a consent denies the doctor.
const p: Record<"treated" | "stranger" | "denier", { id: string; s: TSyntheticPatient }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({
    data: { ...doc, email: "doc@example.test", displayName: "Dr. Test", passwordHash: "x" },
  });
  const faker = new Faker({ locale: [en] });
  faker.seed(15);
  for (const [i, name] of (["treated", "stranger", "denier"] as const).entries()) {
    const s = makeSyntheticPatient(faker, 150 + i);
    const patient = { ...s.patient, name: [{ ...s.patient.name?.[0], family: "Samefamily" }] };
    const { patientId } = await db.prisma.$transaction((tx) => createPatient(tx, { patient, resources: [] }));
    p[name] = { id: patientId, s };
  }
  for (const x of [p.treated, p.denier])
    await db.prisma.$transaction((tx) =>
      changeCareTeam(tx, { patientId: x.id, userId: doc.id, change: "add", byId: officer.id }),
    );
  await grantConsent(db.prisma, {
    patientId: p.denier.id,
    recordedById: officer.id,
    input: { provisionType: "deny", granteeType: "user", grantee: "doc@example.test", purposes: [] },
  });
});

const eventsOf = (requestId: string) =>
  db.prisma.accessEvent.findMany({ where: { requestId }, orderBy: [{ patientId: { sort: "asc", nulls: "first" } }] });

describe("patient search under the access policy", () => {
  it("shows a clinician with no relationship the name and year of birth only, never the MRN or birth date", async () => {
    const { stranger } = p;
    const r = await searchPatients(db.prisma, { actor: doc, query: stranger.s.mrn });
    expect(r.hits).toEqual([
      {
        view: "limited",
        patientId: stranger.id,
        name: expect.stringContaining("Samefamily"),
        birthYear: stranger.s.patient.birthDate!.slice(0, 4),
      },
    ]);
    const shown = JSON.stringify(r);
    expect(shown).not.toContain(stranger.s.mrn);
    expect(shown).not.toContain(stranger.s.patient.birthDate!);
  });

  it("leaves out a patient whose consent denies the clinician, even on the care team, and shows the care team's patients in full", async () => {
    const r = await searchPatients(db.prisma, { actor: doc, query: "SAMEFAMILY", context: { requestId: "search-1" } });
    const byId = new Map(r.hits.map((h) => [h.patientId, h]));
    expect(byId.has(p.denier.id)).toBe(false);
    expect(byId.get(p.treated.id)).toMatchObject({
      view: "full",
      mrn: p.treated.s.mrn,
      birthDate: p.treated.s.patient.birthDate,
    });
    expect(byId.get(p.stranger.id)).toMatchObject({ view: "limited" });
    expect(r.hits).toHaveLength(2);
    expect((await searchPatients(db.prisma, { actor: doc, query: p.denier.s.mrn })).hits).toEqual([]);
  });

  it("records the search with a keyed hash of the query and one anchored event per patient it matched", async () => {
    await searchPatients(db.prisma, { actor: doc, query: "samefamily", context: { requestId: "search-2" } });
    const events = await eventsOf("search-2");
    const hash = searchQueryHash("lastName", "Samefamily");
    expect(hash).toMatch(/^hmac-sha256:[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(searchQueryHash("lastName", " SAMEFAMILY "));
    expect(hash).not.toContain(blindIndex("lastName", "Samefamily"));
    expect(events.map((e) => [e.patientId, e.entityWhat, e.outcome, e.subtype, e.action, e.query])).toEqual(
      [
        [null, "Patient?by=lastName", "0", "search-type", "E", hash],
        ...[p.treated, p.stranger, p.denier].map((x) => [
          x.id,
          `Patient/${x.id}`,
          x === p.denier ? "4" : "0",
          "search-type",
          "E",
          hash,
        ]),
      ].sort((a, b) => String(a[0] ?? "").localeCompare(String(b[0] ?? ""))),
    );
    expect(events[0].outcomeDesc).toMatch(/2 of 3 shown/);
    expect(events.find((e) => e.patientId === p.stranger.id)?.outcomeDesc).toMatch(/^limited: /);
    expect(events.find((e) => e.patientId === p.denier.id)?.outcomeDesc).toMatch(/^hidden: .*denies you access/);
    for (const e of events) expect(JSON.stringify(e).toLowerCase()).not.toContain("samefamily");
    const queued = await db.prisma.ledgerQueue.count({
      where: { kind: "access_event", rowId: { in: events.map((e) => e.id) } },
    });
    expect(queued).toBe(4);
    // An MRN search hashes the normalized MRN: with or without its prefix, one value.
    await searchPatients(db.prisma, {
      actor: doc,
      query: p.stranger.s.mrn.slice(3),
      context: { requestId: "search-3" },
    });
    const [mrnSearch] = await eventsOf("search-3");
    expect(mrnSearch.query).toBe(searchQueryHash("mrn", p.stranger.s.mrn));
    expect(mrnSearch.query).not.toContain(blindIndex("mrn", p.stranger.s.mrn));
    // Found is not opened: the clinician's "recently opened" list stays empty.
    expect(await listRecentPatients(db.prisma, { actorId: doc.id })).toEqual([]);
  });

  it("refuses a query without a letter or digit before recording anything, and denies roles without search", async () => {
    const before = await db.prisma.accessEvent.count();
    await expect(searchPatients(db.prisma, { actor: doc, query: "--" })).rejects.toThrow(
      /at least one letter or digit/,
    );
    expect(await db.prisma.accessEvent.count()).toBe(before);
    await expect(
      searchPatients(db.prisma, { actor: admin, query: "Samefamily", context: { requestId: "search-4" } }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await eventsOf("search-4")).toMatchObject([{ outcome: "4", patientId: null }]);
  });

  it("lets the privacy office find a patient by MRN as a pseudonym, recorded like any search", async () => {
    const found = await lookupPatientByMrn(db.prisma, {
      actor: officer,
      mrn: p.denier.s.mrn,
      resourceType: "Consent",
      context: { requestId: "lookup-1" },
    });
    expect(found).toEqual({ patientId: p.denier.id, pseudonym: expect.stringMatching(/^pt_/) });
    expect((await eventsOf("lookup-1")).map((e) => [e.patientId, e.outcome, e.purposeOfUse])).toEqual([
      [null, "0", "OPERATIONS"],
      [p.denier.id, "0", "OPERATIONS"],
    ]);
    expect(
      await lookupPatientByMrn(db.prisma, { actor: officer, mrn: "MRN0000000", resourceType: "Consent" }),
    ).toBeNull();
    await expect(
      lookupPatientByMrn(db.prisma, { actor: officer, mrn: "---", resourceType: "Consent" }),
    ).rejects.toThrow(/at least one letter or digit/);
    await expect(
      lookupPatientByMrn(db.prisma, { actor: doc, mrn: p.stranger.s.mrn, resourceType: "Disclosure" }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
