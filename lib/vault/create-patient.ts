import "server-only";
import crypto from "node:crypto";
import type * as fhir4 from "fhir/r4";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbBytes } from "@/lib/db/bytes";
import { blindIndex, optionalBlindIndex } from "./blind-index";
import { newDataKey, wrapDataKey } from "@/lib/keys/patient-key";
import { newRecordId } from "./new-record-id";
import { writeRecordVersions } from "./write-record-versions";

export type TCreatePatientInput = {
  patient: fhir4.Patient;
  resources: fhir4.Resource[];
  authorId?: string;
};

export type TCreatedPatient = { patientId: string; pseudonym: string; recordIds: string[] };

export function mrnOf(p: fhir4.Patient): string | undefined {
  return p.identifier?.find((i) => i.system === "urn:healthledger:mrn")?.value ?? p.identifier?.[0]?.value;
}

export function addressOf(p: fhir4.Patient): string | undefined {
  const a = p.address?.[0];
  return a ? [...(a.line ?? []), a.city].filter(Boolean).join(", ") : undefined;
}

/** FHIR Address as one line, as addressOf writes the current one. */
const addressLine = (a: fhir4.Address) => [...(a.line ?? []), a.city].filter(Boolean).join(", ");

/**
 * The extra blind indexes the monitoring rules compare staff against: the last names of the
 * patient's contacts (next of kin) and the addresses after the first (prior ones, or marked
 * use "old"). Same functions and fields as the patient's own indexes, so they compare equal.
 */
export function identityIndexesOf(p: fhir4.Patient): { kind: "contactName" | "priorAddress"; value: string }[] {
  const out = new Map<string, { kind: "contactName" | "priorAddress"; value: string }>();
  for (const c of p.contact ?? []) {
    const value = optionalBlindIndex("lastName", c.name?.family);
    if (value) out.set(`c${value}`, { kind: "contactName", value });
  }
  for (const a of (p.address ?? []).slice(1)) {
    const value = optionalBlindIndex("address", addressLine(a));
    if (value) out.set(`a${value}`, { kind: "priorAddress", value });
  }
  return [...out.values()];
}

/**
 * Create a patient with a fresh data key and store the Patient resource and its clinical
 * resources as encrypted, anchored version-1 records. Only ciphertext, blind indexes and a
 * random pseudonym reach the database. Runs inside the caller's transaction.
 */
export async function createPatient(
  tx: Prisma.TransactionClient,
  input: TCreatePatientInput,
): Promise<TCreatedPatient> {
  const patientId = crypto.randomUUID();
  const pseudonym = `pt_${crypto.randomBytes(12).toString("base64url")}`;
  const dek = newDataKey();
  const { wrappedKey, kekId } = wrapDataKey(dek, patientId);
  const mrn = mrnOf(input.patient);
  const family = input.patient.name?.[0]?.family;
  const address = addressOf(input.patient);
  await tx.patient.create({
    data: {
      id: patientId,
      pseudonym,
      wrappedKey: dbBytes(wrappedKey),
      kekId,
      mrnIndex: mrn ? blindIndex("mrn", mrn) : null,
      // A family name or address without a letter or digit gets no index: it could never be searched for.
      lastNameIndex: optionalBlindIndex("lastName", family),
      addressIndex: optionalBlindIndex("address", address),
    },
  });
  const identity = identityIndexesOf(input.patient);
  if (identity.length) await tx.patientIdentityIndex.createMany({ data: identity.map((i) => ({ patientId, ...i })) });
  const resources = [{ ...input.patient, id: patientId }, ...input.resources];
  const records = resources.map((resource) => ({ id: newRecordId(), resource }));
  await writeRecordVersions(tx, {
    dek,
    pseudonym,
    authorId: input.authorId,
    newRecordsOf: patientId,
    versions: records.map((r) => {
      const resource = r.resource.resourceType === "Patient" ? r.resource : withSubject(r.resource, patientId);
      return { recordId: r.id, version: 1, resourceType: r.resource.resourceType, resource: { ...resource, id: r.id } };
    }),
  });
  dek.fill(0);
  return { patientId, pseudonym, recordIds: records.map((r) => r.id) };
}

function withSubject(resource: fhir4.Resource, patientId: string): fhir4.Resource {
  return "subject" in resource
    ? ({ ...resource, subject: { reference: `Patient/${patientId}` } } as fhir4.Resource)
    : resource;
}
