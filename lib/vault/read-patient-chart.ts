import "server-only";
import type * as fhir4 from "fhir/r4";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { readPatientResources } from "./read-patient-resources";

export type TChartObservation = {
  recordId: string;
  version: number;
  name: string;
  value: string;
  unit: string;
  effective: string | null;
  status: string;
};
export type TChartCondition = {
  recordId: string;
  name: string;
  code: string | null;
  status: string | null;
  onset: string | null;
};
export type TPatientChart =
  | { erased: true; patientId: string; erasedAt: Date }
  | {
      erased: false;
      patientId: string;
      demographics: {
        name: string;
        gender: string | null;
        birthDate: string | null;
        mrn: string | null;
        address: string | null;
        phone: string | null;
      };
      conditions: TChartCondition[];
      observations: TChartObservation[];
    };

const label = (c?: fhir4.CodeableConcept) => c?.text ?? c?.coding?.[0]?.display ?? c?.coding?.[0]?.code ?? "—";

/** Decrypt a patient's current records into a readable chart; an erased patient reads as erased. */
export async function readPatientChart(prisma: PrismaClient, patientId: string): Promise<TPatientChart> {
  const patient = await prisma.patient.findUnique({ where: { id: patientId }, select: { erasedAt: true } });
  if (!patient) throw new AppError("not_found", "No such patient.");
  if (patient.erasedAt) return { erased: true, patientId, erasedAt: patient.erasedAt };
  const records = await readPatientResources(prisma, { patientId });
  const p = records.find((r) => r.resourceType === "Patient")?.resource as fhir4.Patient | undefined;
  const n = p?.name?.[0];
  const a = p?.address?.[0];
  const conditions = records
    .filter((r) => r.resourceType === "Condition")
    .map((r) => {
      const c = r.resource as fhir4.Condition;
      return {
        recordId: r.recordId,
        name: label(c.code),
        code: c.code?.coding?.[0]?.code ?? null,
        status: c.clinicalStatus?.coding?.[0]?.code ?? null,
        onset: c.onsetDateTime ?? null,
      };
    });
  const observations = records
    .filter((r) => r.resourceType === "Observation")
    .map((r) => {
      const o = r.resource as fhir4.Observation;
      const value = o.valueQuantity?.value !== undefined ? String(o.valueQuantity.value) : (o.valueString ?? "—");
      return {
        recordId: r.recordId,
        version: r.version,
        name: label(o.code),
        value,
        unit: o.valueQuantity?.unit ?? "",
        effective: o.effectiveDateTime ?? null,
        status: o.status,
      };
    });
  observations.sort((x, y) => (y.effective ?? "").localeCompare(x.effective ?? ""));
  return {
    erased: false,
    patientId,
    demographics: {
      name: [n?.given?.join(" "), n?.family].filter(Boolean).join(" ") || "—",
      gender: p?.gender ?? null,
      birthDate: p?.birthDate ?? null,
      mrn: p?.identifier?.[0]?.value ?? null,
      address: a ? [...(a.line ?? []), a.city, a.state, a.postalCode].filter(Boolean).join(", ") : null,
      phone: p?.telecom?.find((t) => t.system === "phone")?.value ?? null,
    },
    conditions,
    observations,
  };
}
