import { Faker, en } from "@faker-js/faker";
import { beforeAll, describe, expect, it } from "vitest";
import { grantConsent } from "@/lib/access/consents/grant-consent";
import { revokeConsent } from "@/lib/access/consents/revoke-consent";
import { createPatient } from "@/lib/vault/create-patient";
import { makeSyntheticPatient } from "@/prisma/seed/fhir-factories";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { exportConsentBundle } from "./export-consent-bundle";
import { validateR4 } from "./testing/validate-r4";

let db: TTestDatabase;
let patientId: string;
const officer = "00000000-0000-4000-8000-0000000000c1";

beforeAll(async () => {
  db = await createTestDatabase();
  const p = makeSyntheticPatient(new Faker({ locale: [en], seed: 21 }), 1);
  ({ patientId } = await db.prisma.$transaction((tx) =>
    createPatient(tx, { patient: p.patient, resources: p.clinical }),
  ));
  await db.prisma.user.create({
    data: {
      email: "cardio@example.test",
      displayName: "Dr. Cardio",
      role: "CLINICIAN",
      department: "Cardiology",
      passwordHash: "x",
    },
  });
  // One consent of each grantee kind and provision type, with and without purposes, data
  // scope and period; the last one revoked.
  const inputs = [
    { provisionType: "permit", granteeType: "user", grantee: "cardio@example.test", purposes: ["TREAT"] },
    {
      provisionType: "deny",
      granteeType: "organization",
      grantee: "cardiology",
      purposes: ["RESEARCH", "PUBLIC_HEALTH"],
      resourceTypes: ["Observation", "Condition"],
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
    },
    { provisionType: "permit", granteeType: "role", grantee: "COMPLIANCE_OFFICER", periodStart: "2026-02-01" },
  ];
  const granted = [];
  for (const input of inputs) granted.push(await grantConsent(db.prisma, { patientId, recordedById: officer, input }));
  await revokeConsent(db.prisma, { patientId, consentId: granted[2].id, revokedById: officer });
});

describe("exportConsentBundle", () => {
  it("is a searchset Bundle of Consents that an R4 validator accepts, as is each Consent", async () => {
    const bundle = await exportConsentBundle(db.prisma, patientId);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 3 });
    expect(validateR4(bundle)).toEqual([]);
    const consents = bundle.entry!.map((e) => e.resource!);
    for (const c of consents) expect(validateR4(c)).toEqual([]);
    expect(consents.map((c) => [c.status, c.provision?.type]).sort()).toEqual([
      ["active", "deny"],
      ["active", "permit"],
      ["inactive", "permit"],
    ]);
    expect(bundle.entry!.every((e) => e.search?.mode === "match" && e.fullUrl === `urn:uuid:${e.resource!.id}`)).toBe(
      true,
    );
  });

  it("an empty result is a valid searchset with total 0 and no entry element", async () => {
    const other = makeSyntheticPatient(new Faker({ locale: [en], seed: 22 }), 2);
    const { patientId: none } = await db.prisma.$transaction((tx) =>
      createPatient(tx, { patient: other.patient, resources: [] }),
    );
    const bundle = await exportConsentBundle(db.prisma, none);
    expect(bundle).toMatchObject({ type: "searchset", total: 0 });
    expect(bundle).not.toHaveProperty("entry");
    expect(validateR4(bundle)).toEqual([]);
  });
});
