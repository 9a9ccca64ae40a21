/** self-access: a staff member opens the patient record linked to their own account. */
import { perOpenRule } from "./per-open-rule";

export const selfAccessRule = perOpenRule("self-access", "selfAccess", ({ event, actor }) =>
  actor.ownPatientId === event.patientId ? { reasonCode: "own-record" } : null,
);
