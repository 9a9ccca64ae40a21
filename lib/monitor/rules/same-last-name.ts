/** same-last-name: a staff member opens a patient with their own last-name blind index (self-access excluded). */
import { perOpenRule } from "./per-open-rule";

export const sameLastNameRule = perOpenRule("same-last-name", "sameLastName", ({ event, actor, patient, ctx }) =>
  actor.lastNameIndex !== null && actor.lastNameIndex === patient.lastNameIndex && actor.ownPatientId !== patient.id
    ? {
        reasonCode: "last-name-index-equal",
        details: { onCareTeam: ctx.onCareTeam(event.actorId, patient.id, event.recorded) },
      }
    : null,
);
