import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { TPatientAccessRequest } from "../authorize-patient-access";
import { grantConsent } from "./grant-consent";
import { revokeConsent } from "./revoke-consent";

export type TConsentChangeInput = { actor: TPatientAccessRequest["actor"]; patientId: string } & (
  { change: "grant"; input: unknown } | { change: "revoke"; consentId: unknown }
);

export type TConsentChange = { request: TPatientAccessRequest; run: () => Promise<unknown> };

/**
 * Granting or revoking one of a patient's consents as `actor`, shared by staff and patients: the
 * access request the policy decides (resource type Consent: create for a grant, update for a
 * revocation) and the change to run once it allows it. Which patient the actor acts for is the
 * caller's to settle. The caller passes both to authorizePatientAccess itself, so that every
 * entry point visibly goes through the policy (lib/access/enforcement.test.ts checks that).
 */
export function consentChange(prisma: PrismaClient, opts: TConsentChangeInput): TConsentChange {
  const { actor, patientId } = opts;
  const base = { actor, patientId, resourceType: "Consent", entityWhat: "Consent" } as const;
  if (opts.change === "grant") {
    const input = opts.input;
    return {
      request: { ...base, action: "create" },
      run: () => grantConsent(prisma, { patientId, recordedById: actor.id, input }),
    };
  }
  const consentId = opts.consentId;
  return {
    request: { ...base, action: "update" },
    run: () => revokeConsent(prisma, { patientId, consentId, revokedById: actor.id }),
  };
}
