/** co-worker: a staff member opens the record of a patient who is another employee. */
import { perOpenRule } from "./per-open-rule";

export const coWorkerRule = perOpenRule("co-worker", "coWorker", ({ event, patient, ctx }) =>
  patient.staffUserId !== null && patient.staffUserId !== event.actorId
    ? {
        reasonCode: "patient-is-employee",
        details: { onCareTeam: ctx.onCareTeam(event.actorId, patient.id, event.recorded) },
      }
    : null,
);
