/** contact-name: a staff member opens a patient one of whose contacts (next of kin) has their last-name index. */
import { perOpenRule } from "./per-open-rule";

export const contactNameRule = perOpenRule("contact-name", "contactName", ({ event, actor, patient, ctx }) =>
  actor.lastNameIndex !== null &&
  actor.ownPatientId !== patient.id &&
  patient.contactNameIndexes.includes(actor.lastNameIndex)
    ? {
        reasonCode: "contact-name-index-equal",
        details: { onCareTeam: ctx.onCareTeam(event.actorId, patient.id, event.recorded) },
      }
    : null,
);
