import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AUDIT_TYPE, recordAccessEvents, type TAccessEventInput } from "@/lib/access/record-access-event";

export type TMonitorViewer = {
  actor: { id: string; role: Role };
  network?: string | null;
  userAgent?: string | null;
  requestId?: string;
};

/**
 * An officer opened an alert or a case: a page (or API answer) that lists access events about
 * patients and may open sealed notes. Record it as one consultation per patient it names, read
 * with the privacy office's purpose, so each patient's access report shows that the privacy office
 * looked at what was done with their record; one event with no patient when it names none. The
 * entity is the alert or case by id (random, no PHI).
 */
export async function recordMonitorView(
  prisma: PrismaClient,
  viewer: TMonitorViewer,
  o: { entity: `PrivacyAlert/${string}` | `PrivacyCase/${string}`; patientIds: readonly (string | null)[] },
) {
  const patients = [...new Set(o.patientIds.filter((p): p is string => p !== null))].sort();
  const event = (patientId: string | null): TAccessEventInput => ({
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype.read,
    action: "R",
    outcome: "0",
    actorId: viewer.actor.id,
    actorRole: viewer.actor.role,
    purposeOfUse: "OPERATIONS",
    patientId,
    entityWhat: o.entity,
    network: viewer.network ?? null,
    userAgent: viewer.userAgent ?? null,
    requestId: viewer.requestId,
  });
  await recordAccessEvents(prisma, patients.length > 0 ? patients.map(event) : [event(null)]);
}
