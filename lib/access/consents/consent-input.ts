import { z } from "zod";
import { SUPPORTED_RESOURCE_TYPES } from "@/lib/vault/resource-types";
import { Role } from "@/lib/generated/prisma/enums";

/** Purposes a consent may name (ETREAT is break-glass, PATIENT_REQUEST the patient's own access). */
export const CONSENT_PURPOSES = ["TREAT", "PAYMENT", "OPERATIONS", "RESEARCH", "PUBLIC_HEALTH", "LEGAL"] as const;
export const CONSENT_RESOURCE_TYPES = SUPPORTED_RESOURCE_TYPES;

const ZDay = z
  .union([
    z.literal("").transform(() => null),
    z.iso.date("Enter dates as YYYY-MM-DD.").transform((d) => new Date(`${d}T00:00:00Z`)),
  ])
  .nullish();

/** A consent grant as submitted (form or JSON). The grantee is resolved to a user id, role or department. */
export const ZConsentGrant = z
  .object({
    provisionType: z.enum(["permit", "deny"], "Choose permit or deny."),
    granteeType: z.enum(["user", "role", "organization"], "Choose who the consent is about."),
    grantee: z
      .string("Name the grantee.")
      .trim()
      .min(1, "Name the grantee: an email, a role or an organization.")
      .max(200),
    purposes: z.array(z.enum(CONSENT_PURPOSES, "Unknown purpose of use.")).max(CONSENT_PURPOSES.length).default([]),
    resourceTypes: z
      .array(z.enum(CONSENT_RESOURCE_TYPES, "Unknown kind of data."))
      .max(CONSENT_RESOURCE_TYPES.length)
      .default([]),
    periodStart: ZDay,
    periodEnd: ZDay,
  })
  .superRefine((c, ctx) => {
    if (c.granteeType === "role" && !(Object.values(Role) as string[]).includes(c.grantee))
      ctx.addIssue({ code: "custom", path: ["grantee"], message: "Unknown role." });
    if (c.periodStart && c.periodEnd && c.periodEnd <= c.periodStart)
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "The period must end after it starts." });
  });
export type TConsentGrant = z.infer<typeof ZConsentGrant>;

/** FormData → the shape ZConsentGrant parses (repeated checkboxes become arrays). */
export function consentGrantFromForm(form: FormData): Record<string, unknown> {
  return {
    provisionType: form.get("provisionType"),
    granteeType: form.get("granteeType"),
    grantee: form.get("grantee"),
    purposes: form.getAll("purposes"),
    resourceTypes: form.getAll("resourceTypes"),
    periodStart: form.get("periodStart"),
    periodEnd: form.get("periodEnd"),
  };
}

/** What was typed into a consent form, given back after a failure so the form is not emptied. */
export function consentFormValues(form: FormData): Record<string, string> {
  return Object.fromEntries(
    ["provisionType", "granteeType", "grantee", "periodStart", "periodEnd", "purposes", "resourceTypes"].map((k) => [
      k,
      form.getAll(k).map(String).join(",").slice(0, 200),
    ]),
  );
}
