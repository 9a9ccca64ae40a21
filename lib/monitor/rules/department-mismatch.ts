/** department-mismatch: an actor opens a patient cared for only by other departments, off the care team and without break-glass. */
import { perOpenRule } from "./per-open-rule";

export const departmentMismatchRule = perOpenRule(
  "department-mismatch",
  "departmentMismatch",
  ({ event, actor, patient, ctx }) => {
    const department = event.actorDepartment ?? actor.department;
    if (actor.role !== "CLINICIAN" || department === null || patient.departments.length === 0) return null;
    if (patient.departments.includes(department) || event.breakGlass) return null;
    return ctx.onCareTeam(event.actorId, patient.id, event.recorded)
      ? null
      : { reasonCode: "other-department-patient" };
  },
);
