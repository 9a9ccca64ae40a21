import type { z } from "zod";
import type { TErrorDetail } from "@/lib/errors";
import { SUPPORTED_RESOURCE_TYPES } from "@/lib/vault/resource-types";
import {
  ZFhirBundle,
  ZFhirResource,
  type TFhirCondition,
  type TFhirObservation,
  type TFhirPatient,
} from "./bundle-schema";

export type TBundlePatient = {
  entryIndex: number;
  patient: TFhirPatient;
  clinical: (TFhirCondition | TFhirObservation)[];
};
export type TBundleValidation = { ok: true; patients: TBundlePatient[] } | { ok: false; problems: TErrorDetail[] };

/** "entry[3].resource.valueQuantity.value" from ["entry", 3, "resource", "valueQuantity", "value"]. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
    "",
  );
}

function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): TErrorDetail[] {
  return error.issues.map((i) => ({
    path: formatPath([...prefix, ...i.path]) || "(bundle)",
    message: i.message.replace(/^Invalid input: /, ""),
  }));
}

/**
 * Validate a FHIR R4 transaction or collection Bundle of Patients with their Conditions and
 * Observations. Collects every problem (never stops at the first) and resolves each clinical
 * resource's subject to a Patient entry of the same bundle. Messages never echo values.
 */
export function validateBundle(input: unknown): TBundleValidation {
  const bundle = ZFhirBundle.safeParse(input);
  if (!bundle.success) return { ok: false, problems: problemsOf(bundle.error) };
  const problems: TErrorDetail[] = [];
  const patients: TBundlePatient[] = [];
  const byReference = new Map<string, TBundlePatient>();
  const clinical: { index: number; resource: TFhirCondition | TFhirObservation }[] = [];

  bundle.data.entry.forEach((entry, index) => {
    const at = ["entry", index] as const;
    if (bundle.data.type === "transaction" && !entry.request) {
      problems.push({
        path: formatPath([...at, "request"]),
        message: "required in a transaction bundle (method POST)",
      });
    }
    const type = entry.resource.resourceType;
    if (!(SUPPORTED_RESOURCE_TYPES as readonly string[]).includes(type)) {
      problems.push({
        path: formatPath([...at, "resource", "resourceType"]),
        message: `unsupported resource type "${type.slice(0, 40)}" (supported: ${SUPPORTED_RESOURCE_TYPES.join(", ")})`,
      });
      return;
    }
    const parsed = ZFhirResource.safeParse(entry.resource);
    if (!parsed.success) return void problems.push(...problemsOf(parsed.error, [...at, "resource"]));
    const resource = parsed.data;
    if (resource.resourceType === "Patient") {
      const p: TBundlePatient = { entryIndex: index, patient: resource, clinical: [] };
      patients.push(p);
      if (entry.fullUrl) byReference.set(entry.fullUrl, p);
      if (resource.id) byReference.set(`Patient/${resource.id}`, p);
    } else {
      clinical.push({ index, resource });
    }
  });

  for (const c of clinical) {
    const owner = byReference.get(c.resource.subject.reference);
    if (!owner) {
      problems.push({
        path: formatPath(["entry", c.index, "resource", "subject", "reference"]),
        message: "does not refer to a Patient entry of this bundle",
      });
    } else {
      owner.clinical.push(c.resource);
    }
  }
  if (patients.length === 0 && problems.length === 0)
    problems.push({ path: "entry", message: "expected at least one Patient" });
  return problems.length ? { ok: false, problems } : { ok: true, patients };
}
