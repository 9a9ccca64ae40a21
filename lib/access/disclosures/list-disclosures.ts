import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { unwrapDataKey } from "@/lib/keys/patient-key";
import { authorizePatientAccess, type TPatientAccessRequest } from "../authorize-patient-access";
import { openDisclosure, openRecipient } from "./disclosure-cipher";
import type { TDisclosureContent } from "./disclosure-input";

/** HIPAA 164.528(a)(1): an accounting covers the six years before the request. */
export const ACCOUNTING_YEARS = 6;

export type TDisclosureView = {
  id: string;
  disclosedAt: Date;
  /** "" with `content` "erased" once the patient's key is gone (sealed recipients, leaf v2). */
  recipientName: string;
  recipientAddress: string;
  legalBasis: string;
  recordedById: string;
  createdAt: Date;
  supersedesId: string | null;
  supersededById: string | null;
  /** "erased" once the patient's data key was destroyed: the text can no longer be read. */
  content: TDisclosureContent | "erased";
};

export type TDisclosureRegister = {
  patientId: string;
  pseudonym: string;
  erased: boolean;
  since: Date;
  entries: TDisclosureView[];
};

export type TListDisclosuresInput = {
  actor: TPatientAccessRequest["actor"];
  patientId: string;
  /** Defaults to six years before `now`. */
  since?: Date;
  now?: Date;
  context?: Pick<TPatientAccessRequest, "network" | "userAgent" | "requestId">;
};

function sixYearsBefore(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - ACCOUNTING_YEARS);
  return d;
}

/**
 * A patient's register entries disclosed since `since`, newest first, decrypted under the
 * patient's key; each view is an access event (through the policy, resource type Disclosure).
 */
export async function listDisclosures(prisma: PrismaClient, opts: TListDisclosuresInput): Promise<TDisclosureRegister> {
  const since = opts.since ?? sixYearsBefore(opts.now ?? new Date());
  return authorizePatientAccess(
    prisma,
    {
      actor: opts.actor,
      patientId: opts.patientId,
      action: "read",
      purposeOfUse: "OPERATIONS",
      resourceType: "Disclosure",
      entityWhat: "Disclosure?patient",
      ...opts.context,
    },
    async () => {
      const [patient, rows] = await Promise.all([
        prisma.patient.findUniqueOrThrow({
          where: { id: opts.patientId },
          select: { pseudonym: true, wrappedKey: true, erasedAt: true },
        }),
        prisma.disclosure.findMany({
          where: { patientId: opts.patientId, disclosedAt: { gte: since } },
          orderBy: [{ disclosedAt: "desc" }, { createdAt: "desc" }],
        }),
      ]);
      const successors = await prisma.disclosure.findMany({
        where: { supersedesId: { in: rows.map((r) => r.id) } },
        select: { id: true, supersedesId: true },
      });
      const supersededBy = new Map(successors.map((s) => [s.supersedesId, s.id]));
      const dek = patient.wrappedKey && !patient.erasedAt ? unwrapDataKey(patient.wrappedKey, opts.patientId) : null;
      try {
        const entries = rows.map(({ sealed, sealedRecipient, patientId, recipientName, recipientAddress, ...r }) => {
          const ids = { patientId, disclosureId: r.id };
          // Entries written before recipients were sealed keep them in plaintext columns (leaf v1).
          const recipient = sealedRecipient
            ? dek
              ? openRecipient(dek, ids, sealedRecipient)
              : { name: "", address: "" }
            : { name: recipientName ?? "", address: recipientAddress ?? "" };
          return {
            ...r,
            recipientName: recipient.name,
            recipientAddress: recipient.address,
            supersededById: supersededBy.get(r.id) ?? null,
            content: dek ? openDisclosure(dek, ids, sealed) : ("erased" as const),
          };
        });
        return { patientId: opts.patientId, pseudonym: patient.pseudonym, erased: !dek, since, entries };
      } finally {
        dek?.fill(0);
      }
    },
  );
}
