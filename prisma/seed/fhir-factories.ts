// Synthetic FHIR R4 patients for demo data and tests. Deterministic for a given faker seed.
import type { Faker } from "@faker-js/faker";
import type * as fhir4 from "fhir/r4";

export type TSyntheticPatient = {
  mrn: string;
  lastName: string;
  addressLine: string;
  patient: fhir4.Patient;
  clinical: (fhir4.Condition | fhir4.Observation)[];
};

const CONDITIONS = [
  { code: "44054006", display: "Diabetes mellitus type 2" },
  { code: "38341003", display: "Hypertensive disorder" },
  { code: "195967001", display: "Asthma" },
  { code: "13645005", display: "Chronic obstructive lung disease" },
  { code: "35489007", display: "Depressive disorder" },
  { code: "49436004", display: "Atrial fibrillation" },
  { code: "55822004", display: "Hyperlipidemia" },
  { code: "709044004", display: "Chronic kidney disease" },
  { code: "414545008", display: "Ischemic heart disease" },
  { code: "68566005", display: "Urinary tract infection" },
] as const;

// LOINC vital signs and labs with UCUM units and plausible adult ranges.
const OBSERVATIONS = [
  { code: "8867-4", display: "Heart rate", unit: "/min", min: 52, max: 110, decimals: 0 },
  { code: "8480-6", display: "Systolic blood pressure", unit: "mm[Hg]", min: 98, max: 168, decimals: 0 },
  { code: "29463-7", display: "Body weight", unit: "kg", min: 48, max: 120, decimals: 1 },
  { code: "8310-5", display: "Body temperature", unit: "Cel", min: 36.1, max: 38.4, decimals: 1 },
  { code: "2339-0", display: "Glucose [Mass/volume] in Blood", unit: "mg/dL", min: 70, max: 210, decimals: 0 },
  { code: "4548-4", display: "Hemoglobin A1c/Hemoglobin.total in Blood", unit: "%", min: 4.8, max: 9.8, decimals: 1 },
] as const;

export function mrnFor(n: number): string {
  return `MRN${String(1_000_000 + n).padStart(7, "0")}`;
}

export function makeSyntheticPatient(faker: Faker, n: number): TSyntheticPatient {
  const sex = faker.person.sex() as "female" | "male";
  const given = faker.person.firstName(sex);
  const family = faker.person.lastName();
  const line = faker.location.streetAddress();
  const city = faker.location.city();
  const mrn = mrnFor(n);
  const patient: fhir4.Patient = {
    resourceType: "Patient",
    identifier: [{ system: "urn:healthledger:mrn", value: mrn }],
    name: [{ use: "official", family, given: [given] }],
    gender: sex,
    birthDate: faker.date.birthdate({ min: 1, max: 95, mode: "age" }).toISOString().slice(0, 10),
    address: [
      {
        use: "home",
        line: [line],
        city,
        state: faker.location.state({ abbreviated: true }),
        postalCode: faker.location.zipCode("#####"),
      },
    ],
    telecom: [{ system: "phone", value: faker.phone.number({ style: "national" }), use: "home" }],
  };
  const clinical: TSyntheticPatient["clinical"] = [];
  for (const c of faker.helpers.arrayElements(CONDITIONS, { min: 1, max: 3 })) {
    clinical.push({
      resourceType: "Condition",
      clinicalStatus: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }],
      },
      code: { coding: [{ system: "http://snomed.info/sct", code: c.code, display: c.display }], text: c.display },
      subject: { reference: "Patient" },
      onsetDateTime: faker.date.past({ years: 10 }).toISOString().slice(0, 10),
    });
  }
  for (const o of faker.helpers.arrayElements(OBSERVATIONS, { min: 3, max: 6 })) {
    clinical.push({
      resourceType: "Observation",
      status: "final",
      category: [
        {
          coding: [
            {
              system: "http://terminology.hl7.org/CodeSystem/observation-category",
              code: o.code.startsWith("8") || o.code === "29463-7" ? "vital-signs" : "laboratory",
            },
          ],
        },
      ],
      code: { coding: [{ system: "http://loinc.org", code: o.code, display: o.display }], text: o.display },
      subject: { reference: "Patient" },
      effectiveDateTime: faker.date.recent({ days: 365 }).toISOString(),
      valueQuantity: {
        value: faker.number.float({ min: o.min, max: o.max, fractionDigits: o.decimals }),
        unit: o.unit,
        system: "http://unitsofmeasure.org",
        code: o.unit,
      },
    });
  }
  return { mrn, lastName: family, addressLine: `${line}, ${city}`, patient, clinical };
}
