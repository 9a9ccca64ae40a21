import "server-only";
import type * as fhir4 from "fhir/r4";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { addPatientRecord } from "./add-patient-record";

/** LOINC codes a clinician may record from the chart, with their UCUM unit. */
export const OBSERVATION_CODES = {
  "8867-4": { display: "Heart rate", unit: "/min", min: 10, max: 300 },
  "8480-6": { display: "Systolic blood pressure", unit: "mm[Hg]", min: 30, max: 300 },
  "29463-7": { display: "Body weight", unit: "kg", min: 0.3, max: 500 },
  "8310-5": { display: "Body temperature", unit: "Cel", min: 25, max: 45 },
  "2339-0": { display: "Glucose [Mass/volume] in Blood", unit: "mg/dL", min: 5, max: 2000 },
} as const;

export const ZObservationInput = z
  .object({
    code: z.enum(Object.keys(OBSERVATION_CODES) as [keyof typeof OBSERVATION_CODES], "Choose what was measured."),
    value: z.coerce.number("Enter the measured value as a number.").finite("Enter the measured value as a number."),
    effective: z.iso.datetime({ local: true, message: "Enter when it was measured." }),
  })
  .superRefine((o, ctx) => {
    const c = OBSERVATION_CODES[o.code];
    if (o.value < c.min || o.value > c.max)
      ctx.addIssue({
        code: "custom",
        path: ["value"],
        message: `${c.display} must be between ${c.min} and ${c.max} ${c.unit}.`,
      });
    if (new Date(`${o.effective}Z`).getTime() > Date.now() + 5 * 60_000)
      ctx.addIssue({ code: "custom", path: ["effective"], message: "The time cannot be in the future." });
  });
export type TObservationInput = z.infer<typeof ZObservationInput>;

/** Record a vital sign or lab value as a new FHIR Observation (encrypted, anchored, version 1). */
export async function addObservation(
  prisma: PrismaClient,
  opts: { patientId: string; authorId: string; input: TObservationInput },
) {
  const c = OBSERVATION_CODES[opts.input.code];
  const resource: fhir4.Observation = {
    resourceType: "Observation",
    status: "final",
    code: { coding: [{ system: "http://loinc.org", code: opts.input.code, display: c.display }], text: c.display },
    subject: { reference: `Patient/${opts.patientId}` },
    effectiveDateTime: new Date(`${opts.input.effective}Z`).toISOString(),
    valueQuantity: { value: opts.input.value, unit: c.unit, system: "http://unitsofmeasure.org", code: c.unit },
  };
  return prisma.$transaction((tx) =>
    addPatientRecord(tx, { patientId: opts.patientId, resource, authorId: opts.authorId }),
  );
}
