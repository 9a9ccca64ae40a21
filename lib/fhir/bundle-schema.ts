import { z } from "zod";

// FHIR R4 (4.0.1) shapes we accept on import. Objects are loose: unknown elements pass through
// (and are stored encrypted) but every element we read is checked. One schema per resource.

const ZDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "expected a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
const ZDateTime = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/, "expected a FHIR dateTime");
const ZCoding = z.looseObject({
  system: z.string().optional(),
  code: z.string().min(1).optional(),
  display: z.string().optional(),
});
const ZCodeableConcept = z
  .looseObject({ coding: z.array(ZCoding).optional(), text: z.string().optional() })
  .refine((c) => (c.coding?.length ?? 0) > 0 || !!c.text, "expected at least one coding or a text");
const ZReference = z.looseObject({
  reference: z.string().min(1, "expected a reference such as Patient/<id> or urn:uuid:<id>"),
});
const ZQuantity = z.looseObject({
  value: z.number(),
  unit: z.string().optional(),
  system: z.string().optional(),
  code: z.string().optional(),
});

export const ZFhirPatient = z.looseObject({
  resourceType: z.literal("Patient"),
  id: z.string().optional(),
  identifier: z
    .array(z.looseObject({ system: z.string().optional(), value: z.string().min(1) }))
    .min(1, "expected at least one identifier (the MRN)"),
  name: z
    .array(
      z.looseObject({ family: z.string().min(1), given: z.array(z.string()).optional(), use: z.string().optional() }),
    )
    .min(1, "expected at least one name"),
  gender: z.enum(["male", "female", "other", "unknown"]).optional(),
  birthDate: ZDate.optional(),
  address: z
    .array(
      z.looseObject({
        line: z.array(z.string()).optional(),
        city: z.string().optional(),
        postalCode: z.string().optional(),
      }),
    )
    .optional(),
  telecom: z.array(z.looseObject({ system: z.string().optional(), value: z.string().optional() })).optional(),
});

export const ZFhirCondition = z.looseObject({
  resourceType: z.literal("Condition"),
  id: z.string().optional(),
  code: ZCodeableConcept,
  subject: ZReference,
  clinicalStatus: ZCodeableConcept.optional(),
  onsetDateTime: ZDateTime.optional(),
  recordedDate: ZDateTime.optional(),
});

export const ZObservationStatus = z.enum([
  "registered",
  "preliminary",
  "final",
  "amended",
  "corrected",
  "cancelled",
  "entered-in-error",
  "unknown",
]);

export const ZFhirObservation = z.looseObject({
  resourceType: z.literal("Observation"),
  id: z.string().optional(),
  status: ZObservationStatus,
  code: ZCodeableConcept,
  subject: ZReference,
  category: z.array(ZCodeableConcept).optional(),
  effectiveDateTime: ZDateTime.optional(),
  valueQuantity: ZQuantity.optional(),
  valueString: z.string().optional(),
});

export const ZFhirResource = z.discriminatedUnion("resourceType", [ZFhirPatient, ZFhirCondition, ZFhirObservation]);

export const ZBundleEntry = z.looseObject({
  fullUrl: z.string().optional(),
  resource: z.looseObject({ resourceType: z.string() }),
  request: z
    .looseObject({ method: z.literal("POST", "only POST (create) entries are supported"), url: z.string() })
    .optional(),
});

/** Entries per imported Bundle; the body itself is capped too (FHIR_IMPORT_BODY_BYTES, 413). */
export const MAX_BUNDLE_ENTRIES = 10_000;

export const ZFhirBundle = z.looseObject({
  resourceType: z.literal("Bundle"),
  type: z.enum(["transaction", "collection"], "expected a transaction or collection bundle"),
  entry: z
    .array(ZBundleEntry)
    .min(1, "expected at least one entry")
    .max(MAX_BUNDLE_ENTRIES, `at most ${MAX_BUNDLE_ENTRIES.toLocaleString("en")} entries per bundle`),
});

export type TFhirPatient = z.infer<typeof ZFhirPatient>;
export type TFhirCondition = z.infer<typeof ZFhirCondition>;
export type TFhirObservation = z.infer<typeof ZFhirObservation>;
export type TFhirResource = z.infer<typeof ZFhirResource>;
