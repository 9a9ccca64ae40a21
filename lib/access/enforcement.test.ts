// Enforcement of the access policy, checked statically. The rule: every page, route handler and
// server action under app/ that touches patient data must call authorizePatientAccess, which
// decides with the policy and records the attempt. "Touches patient data" means it imports a
// module that reads or writes patient records, consents or care teams (PATIENT_DATA_MODULES),
// or uses the Patient, Record or RecordVersion models directly. Modules that only see
// pseudonyms and workflow state (erasure requests, access events) are not patient data here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

const PATIENT_DATA_MODULES = [
  "@/lib/vault/find-patients",
  "@/lib/vault/find-patient-by-mrn",
  "@/lib/vault/read-patient-chart",
  "@/lib/vault/read-patient-resources",
  "@/lib/vault/add-observation",
  "@/lib/vault/add-patient-record",
  "@/lib/vault/add-record-version",
  "@/lib/vault/create-patient",
  "@/lib/fhir/export-patient-bundle",
  "@/lib/fhir/export-consent-bundle",
  "@/lib/fhir/import-bundle",
  "@/lib/access/consents/",
  "@/lib/access/care-team/",
];
const DIRECT_MODEL_USE =
  /\.(patient|record|recordVersion)\.(find|create|update|delete|upsert|count|aggregate|groupBy)\w*/;

function listEntryFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listEntryFiles(p);
    return /^(page\.tsx|route\.ts|.*actions\.ts)$/.test(e.name) ? [p] : [];
  });
}

/** Why a source file touches patient data (import or model), or null. */
export function patientDataUse(source: string): string | null {
  const imported = [...source.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]);
  const hit = imported.find((i) => PATIENT_DATA_MODULES.some((m) => (m.endsWith("/") ? i.startsWith(m) : i === m)));
  if (hit) return `imports ${hit}`;
  const model = DIRECT_MODEL_USE.exec(source);
  return model ? `uses prisma${model[0]}` : null;
}

const goesThroughPolicy = (source: string) => /\bauthorizePatientAccess\s*\(/.test(source);

describe("access policy enforcement", () => {
  const files = listEntryFiles(path.join(ROOT, "app"));

  it("finds the app's pages, routes and actions, including the patient-data ones", () => {
    const rel = files.map((f) => path.relative(ROOT, f));
    expect(rel).toContain("app/(shell)/records/[patientId]/page.tsx");
    expect(rel).toContain("app/api/fhir/Patient/[id]/route.ts");
    expect(files.filter((f) => patientDataUse(fs.readFileSync(f, "utf8"))).length).toBeGreaterThanOrEqual(8);
  });

  it("sends every page, route and action that touches patient data through authorizePatientAccess", () => {
    const bypass = files.flatMap((f) => {
      const src = fs.readFileSync(f, "utf8");
      const use = patientDataUse(src);
      return use && !goesThroughPolicy(src) ? [`${path.relative(ROOT, f)} ${use} without authorizePatientAccess`] : [];
    });
    expect(bypass).toEqual([]);
  });

  it("recognises a bypass", () => {
    const leaky = `import { readPatientChart } from "@/lib/vault/read-patient-chart";\nexport default async function P() { return readPatientChart(prisma, id); }`;
    expect(patientDataUse(leaky)).toBe("imports @/lib/vault/read-patient-chart");
    expect(goesThroughPolicy(leaky)).toBe(false);
    expect(patientDataUse("const n = await prisma.recordVersion.findMany({});")).toBe(
      "uses prisma.recordVersion.findMany",
    );
    expect(patientDataUse(`import { listErasureRequests } from "@/lib/vault/list-erasure-requests";`)).toBeNull();
  });
});
